{{/* A number written as text in a raw export, as DOUBLE (NULL when it is none): full-width
digits and signs are folded, a currency sign (¥ ￥ $) or 元 is dropped, and commas are dropped
where they separate thousands (1,234,567.5); 1,5 stays no number. {{.}} is a VARCHAR expression. */ -}}
TRY_CAST(regexp_replace(regexp_replace(translate(trim({{.}}), '０１２３４５６７８９．，－＋', '0123456789.,-+'), '^([-+]?)\s*[¥￥$]\s*|\s*元$', '\1', 'g'), ',([0-9]{3})', '\1', 'g') AS DOUBLE)
