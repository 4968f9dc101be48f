INSERT INTO portrait_industry_section VALUES ($section, $name_zh, $name_en)
