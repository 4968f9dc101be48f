{{/* A time written as text in a raw export, as TIMESTAMP (NULL when it is none): a date as
norm_date.sql reads it, alone (midnight) or followed by a time of day 14:30:00, 14:30 or
14:30:00.123, or written compact (20240305143000). {{.}} is a VARCHAR expression. */ -}}
CASE WHEN regexp_full_match(trim({{.}}), '[0-9]{8}([0-9]{4}([0-9]{2})?)?')
     THEN try_strptime(rpad(trim({{.}}), 14, '0'), '%Y%m%d%H%M%S')
     ELSE try_strptime(regexp_replace(trim({{.}}), '\s+', ' ', 'g'), ['%Y-%m-%d', '%Y/%m/%d', '%Y.%m.%d', '%Y年%m月%d日',
          '%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M', '%Y-%m-%dT%H:%M:%S', '%Y-%m-%d %H:%M:%S.%f',
          '%Y/%m/%d %H:%M:%S', '%Y/%m/%d %H:%M', '%Y.%m.%d %H:%M:%S', '%Y.%m.%d %H:%M',
          '%Y%m%d %H:%M:%S', '%Y%m%d %H:%M',
          '%Y年%m月%d日 %H:%M:%S', '%Y年%m月%d日 %H:%M', '%Y年%m月%d日%H时%M分%S秒', '%Y年%m月%d日 %H时%M分%S秒']) END
