-- Summary rows for the statistics pages, kept in the statement that changes their source:
-- monthly_stats and events.attendees from event_stats, participation_totals from participation,
-- membership_stats from memberships. Each is filled from its source first. beijing_month names
-- the Beijing month (UTC+8 all year) of an instant in milliseconds, as SQLite's
-- strftime('%Y-%m', ms / 1000, 'unixepoch', '+8 hours') does; event_months and membership_months
-- apply it for the backfill and the consistency checks (db/consistency.ts).
CREATE FUNCTION beijing_month(ms bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT to_char(timestamp '1970-01-01' + (ms / 1000) * interval '1 second' + interval '8 hours', 'YYYY-MM')
$$;
--> statement-breakpoint
CREATE VIEW event_months AS SELECT id AS event_id, beijing_month(starts_at) AS month FROM events;
--> statement-breakpoint
CREATE VIEW membership_months AS
SELECT id AS membership_id, beijing_month(joined_at) AS joined_month, beijing_month(left_at) AS left_month FROM memberships;
--> statement-breakpoint
UPDATE events e SET attendees = s.attended FROM (SELECT event_id, sum(attended) AS attended FROM event_stats GROUP BY event_id) s WHERE s.event_id = e.id;
--> statement-breakpoint
INSERT INTO monthly_stats (month, province_code, club_code, kind, segment, channel, registrations, attended, no_show, cancelled, waitlist_joins, points_paid, fen_paid)
SELECT beijing_month(e.starts_at), e.province_code, e.club_code, e.kind, s.segment, s.channel,
	sum(s.registrations), sum(s.attended), sum(s.no_show), sum(s.cancelled), sum(s.waitlist_joins), sum(s.points_paid), sum(s.fen_paid)
FROM event_stats s JOIN events e ON e.id = s.event_id
GROUP BY 1, 2, 3, 4, 5, 6;
--> statement-breakpoint
INSERT INTO participation_totals (period_key, club_code, province_code, participants, repeaters)
SELECT period_key, club_code, province_code, count(*) FILTER (WHERE events_attended >= 1), count(*) FILTER (WHERE events_attended >= 2)
FROM participation GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO membership_stats (month, club_code, province_code, segment, join_channel, joins, leaves)
SELECT beijing_month(k.at), m.club_code, m.province_code, coalesce(m.segment, ''), m.join_channel, sum(k.joins), sum(k.leaves)
FROM memberships m CROSS JOIN LATERAL (VALUES (m.joined_at, 1, 0), (m.left_at, 0, 1)) k (at, joins, leaves)
WHERE k.at IS NOT NULL
GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
-- Adds an event's figures for one segment and channel (sign 1) or takes them away (sign -1) in its month's row.
CREATE FUNCTION monthly_stats_add(e events, s event_stats, sign int) RETURNS void LANGUAGE sql AS $$
	INSERT INTO monthly_stats AS t (month, province_code, club_code, kind, segment, channel, registrations, attended, no_show, cancelled, waitlist_joins, points_paid, fen_paid)
	VALUES (beijing_month(e.starts_at), e.province_code, e.club_code, e.kind, s.segment, s.channel,
		sign * s.registrations, sign * s.attended, sign * s.no_show, sign * s.cancelled, sign * s.waitlist_joins, sign * s.points_paid, sign * s.fen_paid)
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
CREATE FUNCTION monthly_stats_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	e events;
BEGIN
	SELECT * INTO e FROM events WHERE id = NEW.event_id;
	PERFORM monthly_stats_add(e, NEW, 1);
	IF NEW.attended <> 0 THEN
		UPDATE events SET attendees = attendees + NEW.attended WHERE id = NEW.event_id;
	END IF;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER monthly_stats_insert AFTER INSERT ON event_stats FOR EACH ROW EXECUTE FUNCTION monthly_stats_insert();
--> statement-breakpoint
CREATE FUNCTION monthly_stats_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	e events;
	delta event_stats := NEW;
BEGIN
	SELECT * INTO e FROM events WHERE id = NEW.event_id;
	delta.registrations := NEW.registrations - OLD.registrations;
	delta.attended := NEW.attended - OLD.attended;
	delta.no_show := NEW.no_show - OLD.no_show;
	delta.cancelled := NEW.cancelled - OLD.cancelled;
	delta.waitlist_joins := NEW.waitlist_joins - OLD.waitlist_joins;
	delta.points_paid := NEW.points_paid - OLD.points_paid;
	delta.fen_paid := NEW.fen_paid - OLD.fen_paid;
	PERFORM monthly_stats_add(e, delta, 1);
	IF NEW.attended <> OLD.attended THEN
		UPDATE events SET attendees = attendees + NEW.attended - OLD.attended WHERE id = NEW.event_id;
	END IF;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER monthly_stats_update AFTER UPDATE ON event_stats FOR EACH ROW EXECUTE FUNCTION monthly_stats_update();
--> statement-breakpoint
-- A rescheduled (or re-filed) event takes its figures to its new month, province, club or kind.
CREATE FUNCTION monthly_stats_event_moved() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	s event_stats;
BEGIN
	FOR s IN SELECT * FROM event_stats WHERE event_id = NEW.id LOOP
		PERFORM monthly_stats_add(OLD, s, -1);
		PERFORM monthly_stats_add(NEW, s, 1);
	END LOOP;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER monthly_stats_event_moved AFTER UPDATE OF starts_at, province_code, club_code, kind ON events FOR EACH ROW
WHEN (beijing_month(OLD.starts_at) <> beijing_month(NEW.starts_at) OR OLD.province_code <> NEW.province_code OR OLD.club_code <> NEW.club_code OR OLD.kind <> NEW.kind)
EXECUTE FUNCTION monthly_stats_event_moved();
--> statement-breakpoint
CREATE FUNCTION participation_totals_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO participation_totals AS t (period_key, club_code, province_code, participants, repeaters)
	VALUES (NEW.period_key, NEW.club_code, NEW.province_code, (NEW.events_attended >= 1)::int, (NEW.events_attended >= 2)::int)
	ON CONFLICT (period_key, club_code, province_code) DO UPDATE SET participants = t.participants + excluded.participants, repeaters = t.repeaters + excluded.repeaters;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER participation_totals_insert AFTER INSERT ON participation FOR EACH ROW EXECUTE FUNCTION participation_totals_insert();
--> statement-breakpoint
CREATE FUNCTION participation_totals_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE participation_totals SET
		participants = participants + (NEW.events_attended >= 1)::int - (OLD.events_attended >= 1)::int,
		repeaters = repeaters + (NEW.events_attended >= 2)::int - (OLD.events_attended >= 2)::int
	WHERE period_key = NEW.period_key AND club_code = NEW.club_code AND province_code = NEW.province_code;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER participation_totals_update AFTER UPDATE OF events_attended ON participation FOR EACH ROW
WHEN ((NEW.events_attended >= 1) <> (OLD.events_attended >= 1) OR (NEW.events_attended >= 2) <> (OLD.events_attended >= 2))
EXECUTE FUNCTION participation_totals_update();
--> statement-breakpoint
-- Counts a membership's join and leave in their months (sign 1) or takes them away (sign -1); one
-- row per month, as an upsert may not touch a row twice.
CREATE FUNCTION membership_stats_add(m memberships, sign int) RETURNS void LANGUAGE sql AS $$
	INSERT INTO membership_stats AS t (month, club_code, province_code, segment, join_channel, joins, leaves)
	SELECT beijing_month(k.at), m.club_code, m.province_code, coalesce(m.segment, ''), m.join_channel, sign * sum(k.joins), sign * sum(k.leaves)
	FROM (VALUES (m.joined_at, 1, 0), (m.left_at, 0, 1)) k (at, joins, leaves) WHERE k.at IS NOT NULL GROUP BY 1
	ON CONFLICT (month, club_code, province_code, segment, join_channel) DO UPDATE SET joins = t.joins + excluded.joins, leaves = t.leaves + excluded.leaves
$$;
--> statement-breakpoint
CREATE FUNCTION membership_stats_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP <> 'INSERT' THEN
		PERFORM membership_stats_add(OLD, -1);
	END IF;
	IF TG_OP <> 'DELETE' THEN
		PERFORM membership_stats_add(NEW, 1);
	END IF;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER membership_stats_insert AFTER INSERT ON memberships FOR EACH ROW EXECUTE FUNCTION membership_stats_change();
--> statement-breakpoint
CREATE TRIGGER membership_stats_update AFTER UPDATE OF joined_at, left_at, club_code, province_code, segment, join_channel ON memberships FOR EACH ROW
EXECUTE FUNCTION membership_stats_change();
--> statement-breakpoint
CREATE TRIGGER membership_stats_delete AFTER DELETE ON memberships FOR EACH ROW EXECUTE FUNCTION membership_stats_change();
--> statement-breakpoint
-- A rescheduled (or re-filed) event takes its attendance to its new periods, province or club: the
-- rows of its old keys lose one, those of its new keys gain one (a key in both nets out).
CREATE FUNCTION participation_event_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO participation AS p (period_key, club_code, province_code, customer_id, events_attended)
	SELECT k.period_key, c.club_code, k.province_code, r.customer_id, sum(k.sign)
	FROM registrations r
	CROSS JOIN (VALUES (OLD.starts_at, OLD.province_code, OLD.club_code, -1), (NEW.starts_at, NEW.province_code, NEW.club_code, 1)) e (starts_at, province_code, club_code, sign)
	CROSS JOIN LATERAL (SELECT (to_timestamp(e.starts_at / 1000) AT TIME ZONE 'UTC') + interval '8 hours' AS local_start) t
	CROSS JOIN LATERAL (VALUES
		('Y' || to_char(t.local_start, 'YYYY'), e.province_code, e.sign),
		('Q' || to_char(t.local_start, 'YYYY') || '-' || to_char(t.local_start, 'Q'), e.province_code, e.sign),
		('M' || to_char(t.local_start, 'YYYY-MM'), e.province_code, e.sign)
	) k (period_key, province_code, sign)
	CROSS JOIN LATERAL (VALUES (e.club_code), ('*')) c (club_code)
	WHERE r.event_id = NEW.id AND r.status = 'attended'
	GROUP BY 1, 2, 3, 4 HAVING sum(k.sign) <> 0
	ON CONFLICT (period_key, club_code, province_code, customer_id) DO UPDATE SET events_attended = p.events_attended + excluded.events_attended;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER participation_event_moved AFTER UPDATE OF starts_at, province_code, club_code ON events FOR EACH ROW
WHEN (beijing_month(OLD.starts_at) <> beijing_month(NEW.starts_at) OR OLD.province_code <> NEW.province_code OR OLD.club_code <> NEW.club_code)
EXECUTE FUNCTION participation_event_moved();
