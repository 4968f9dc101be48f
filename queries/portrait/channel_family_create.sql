-- Payment channel (lower-cased) → channel family, filled by engine/portrait/portraitdb with bound values
-- from its Go table (portrait.ChannelFamilies).
CREATE OR REPLACE TABLE portrait_channel_family (channel VARCHAR PRIMARY KEY, family VARCHAR NOT NULL)
