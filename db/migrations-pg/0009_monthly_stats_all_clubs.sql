-- A third level of monthly_stats, kept by the same triggers: rows with club and kind '*' hold a
-- month's and province's figures per segment and channel across every club, so that the segment and
-- channel breakdown of a view with no club or kind reads one row per month, province, segment and
-- channel. Each event_stats change now lands in its cell, in its month's '*' total, and here.
INSERT INTO monthly_stats (month, province_code, club_code, kind, segment, channel, registrations, attended, no_show, cancelled, waitlist_joins, points_paid, fen_paid)
SELECT month, province_code, '*', '*', segment, channel, sum(registrations), sum(attended), sum(no_show), sum(cancelled), sum(waitlist_joins), sum(points_paid), sum(fen_paid)
FROM monthly_stats WHERE segment <> '*' GROUP BY 1, 2, 5, 6;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION monthly_stats_add(e events, s event_stats, sign int) RETURNS void LANGUAGE sql AS $$
	INSERT INTO monthly_stats AS t (month, province_code, club_code, kind, segment, channel, registrations, attended, no_show, cancelled, waitlist_joins, points_paid, fen_paid)
	SELECT beijing_month(e.starts_at), e.province_code, k.club_code, k.kind, k.segment, k.channel,
		sign * s.registrations, sign * s.attended, sign * s.no_show, sign * s.cancelled, sign * s.waitlist_joins, sign * s.points_paid, sign * s.fen_paid
	FROM (VALUES (e.club_code, e.kind, s.segment, s.channel), (e.club_code, e.kind, '*', '*'), ('*', '*', s.segment, s.channel)) k (club_code, kind, segment, channel)
	ON CONFLICT (month, province_code, club_code, kind, segment, channel) DO UPDATE SET
		registrations = t.registrations + excluded.registrations,
		attended = t.attended + excluded.attended,
		no_show = t.no_show + excluded.no_show,
		cancelled = t.cancelled + excluded.cancelled,
		waitlist_joins = t.waitlist_joins + excluded.waitlist_joins,
		points_paid = t.points_paid + excluded.points_paid,
		fen_paid = t.fen_paid + excluded.fen_paid
$$;
