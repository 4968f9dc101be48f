INSERT INTO portrait_channel_family VALUES ($channel, $family)
