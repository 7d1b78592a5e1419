-- membership_stats rows with segment and join channel '*' (every segment and channel), per month
-- and in all ('*' month), kept by the same triggers: a view without a segment or channel adds up a
-- row per month, club and province.
INSERT INTO membership_stats (month, club_code, province_code, segment, join_channel, joins, leaves)
SELECT month, club_code, province_code, '*', '*', sum(joins), sum(leaves) FROM membership_stats GROUP BY 1, 2, 3;
--> statement-breakpoint
-- A membership's join and leave count in their months and in the '*' month, each for its segment
-- and channel and for '*' (one row per key, as an upsert may not touch a row twice).
CREATE OR REPLACE FUNCTION membership_stats_add(m memberships, sign int) RETURNS void LANGUAGE sql AS $$
	INSERT INTO membership_stats AS t (month, club_code, province_code, segment, join_channel, joins, leaves)
	SELECT CASE WHEN total THEN '*' ELSE beijing_month(k.at) END, m.club_code, m.province_code,
		CASE WHEN coarse THEN '*' ELSE coalesce(m.segment, '') END, CASE WHEN coarse THEN '*' ELSE m.join_channel END, sign * sum(k.joins), sign * sum(k.leaves)
	FROM (VALUES (m.joined_at, 1, 0), (m.left_at, 0, 1)) k (at, joins, leaves) CROSS JOIN (VALUES (false), (true)) w (total) CROSS JOIN (VALUES (false), (true)) c (coarse)
	WHERE k.at IS NOT NULL GROUP BY 1, 4, 5
	ON CONFLICT (month, club_code, province_code, segment, join_channel) DO UPDATE SET joins = t.joins + excluded.joins, leaves = t.leaves + excluded.leaves
$$;
