-- One text cell of a CSV that seglab writes, made safe for spreadsheets: a value that starts
-- with = + - @, a tab or a carriage return, and is not a plain number, gets a leading
-- apostrophe so that Excel, LibreOffice and Sheets show it as text instead of running it as a
-- formula (OWASP "CSV injection"). {{column}} is the quoted identifier of the column.
CASE WHEN regexp_matches({{column}}, '^[=+\-@\t\r]') AND TRY_CAST({{column}} AS DOUBLE) IS NULL
     THEN '''' || {{column}} ELSE {{column}} END
