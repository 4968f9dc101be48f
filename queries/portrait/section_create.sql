-- GB/T 4754-2017 section letter → section names, filled by engine/portrait/portraitdb with bound values
-- from its Go table (portrait.Sections).
CREATE OR REPLACE TABLE portrait_industry_section (section VARCHAR PRIMARY KEY, name_zh VARCHAR NOT NULL, name_en VARCHAR NOT NULL)
