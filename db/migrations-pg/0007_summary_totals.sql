-- Totals beside the summaries' finest rows, kept by the same triggers, so that the commonest views
-- add up a few thousand rows: monthly_stats rows with segment and channel '*' (every segment and
-- channel of a month, province, club and kind), and membership_stats rows with month '*' (every
-- join and leave ever, per club, province, segment and channel: members active now, and at any
-- day as that total less the months after it).
INSERT INTO monthly_stats (month, province_code, club_code, kind, segment, channel, registrations, attended, no_show, cancelled, waitlist_joins, points_paid, fen_paid)
SELECT month, province_code, club_code, kind, '*', '*', sum(registrations), sum(attended), sum(no_show), sum(cancelled), sum(waitlist_joins), sum(points_paid), sum(fen_paid)
FROM monthly_stats GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
INSERT INTO membership_stats (month, club_code, province_code, segment, join_channel, joins, leaves)
SELECT '*', club_code, province_code, segment, join_channel, sum(joins), sum(leaves) FROM membership_stats GROUP BY 2, 3, 4, 5;
--> statement-breakpoint
-- An event's figures for one segment and channel go to its cell and to its month's '*' total.
CREATE OR REPLACE FUNCTION monthly_stats_add(e events, s event_stats, sign int) RETURNS void LANGUAGE sql AS $$
	INSERT INTO monthly_stats AS t (month, province_code, club_code, kind, segment, channel, registrations, attended, no_show, cancelled, waitlist_joins, points_paid, fen_paid)
	SELECT beijing_month(e.starts_at), e.province_code, e.club_code, e.kind, k.segment, k.channel,
		sign * s.registrations, sign * s.attended, sign * s.no_show, sign * s.cancelled, sign * s.waitlist_joins, sign * s.points_paid, sign * s.fen_paid
	FROM (VALUES (s.segment, s.channel), ('*', '*')) k (segment, channel)
	ON CONFLICT (month, province_code, club_code, kind, segment, channel) DO UPDATE SET
		registrations = t.registrations + excluded.registrations,
		attended = t.attended + excluded.attended,
		no_show = t.no_show + excluded.no_show,
		cancelled = t.cancelled + excluded.cancelled,
		waitlist_joins = t.waitlist_joins + excluded.waitlist_joins,
		points_paid = t.points_paid + excluded.points_paid,
		fen_paid = t.fen_paid + excluded.fen_paid
$$;
--> statement-breakpoint
-- A membership's join and leave count in their months and in the '*' total (one row per key, as an
-- upsert may not touch a row twice).
CREATE OR REPLACE FUNCTION membership_stats_add(m memberships, sign int) RETURNS void LANGUAGE sql AS $$
	INSERT INTO membership_stats AS t (month, club_code, province_code, segment, join_channel, joins, leaves)
	SELECT CASE WHEN total THEN '*' ELSE beijing_month(k.at) END, m.club_code, m.province_code, coalesce(m.segment, ''), m.join_channel, sign * sum(k.joins), sign * sum(k.leaves)
	FROM (VALUES (m.joined_at, 1, 0), (m.left_at, 0, 1)) k (at, joins, leaves) CROSS JOIN (VALUES (false), (true)) w (total)
	WHERE k.at IS NOT NULL GROUP BY 1
	ON CONFLICT (month, club_code, province_code, segment, join_channel) DO UPDATE SET joins = t.joins + excluded.joins, leaves = t.leaves + excluded.leaves
$$;
