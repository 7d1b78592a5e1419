-- participation also counts, per period and province across all clubs, the customers who attended
-- with a given registration segment or channel, or at an event of a given kind: scopes
-- `segment:<segment>`, `channel:<channel>` and `kind:<kind>` beside the clubs and '*'.
-- participation_registration_keys lists every row an attended registration counts in; the
-- triggers and the consistency check (db/consistency.ts) read it, and the slices are filled from it.
CREATE VIEW participation_registration_keys AS
SELECT r.id AS registration_id, r.customer_id, k.period_key, k.club_code, k.province_code
FROM registrations r JOIN participation_keys k ON k.event_id = r.event_id
UNION ALL
SELECT r.id, r.customer_id, k.period_key,
	CASE d.n
		WHEN 1 THEN 'segment:' || coalesce(r.segment, (SELECT c.segment FROM customers c WHERE c.id = r.customer_id))
		WHEN 2 THEN 'channel:' || r.channel
		ELSE 'kind:' || (SELECT e.kind FROM events e WHERE e.id = r.event_id)
	END,
	k.province_code
FROM registrations r
JOIN participation_keys k ON k.event_id = r.event_id AND k.club_code = '*'
CROSS JOIN (VALUES (1), (2), (3)) d (n);
--> statement-breakpoint
INSERT INTO participation (period_key, club_code, province_code, customer_id, events_attended)
SELECT k.period_key, k.club_code, k.province_code, k.customer_id, count(*)
FROM participation_registration_keys k JOIN registrations r ON r.id = k.registration_id
WHERE r.status = 'attended' AND k.club_code LIKE '%:%'
GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION participation_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO participation AS p (period_key, club_code, province_code, customer_id, events_attended)
	SELECT period_key, club_code, province_code, NEW.customer_id, 1 FROM participation_registration_keys WHERE registration_id = NEW.id
	ON CONFLICT (period_key, club_code, province_code, customer_id) DO UPDATE SET events_attended = p.events_attended + 1;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION participation_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO participation AS p (period_key, club_code, province_code, customer_id, events_attended)
	SELECT period_key, club_code, province_code, NEW.customer_id, CASE WHEN NEW.status = 'attended' THEN 1 ELSE -1 END
	FROM participation_registration_keys WHERE registration_id = NEW.id
	ON CONFLICT (period_key, club_code, province_code, customer_id) DO UPDATE SET events_attended = p.events_attended + excluded.events_attended;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
-- A rescheduled (or re-filed) event takes its attendance to its new periods, province, club or
-- kind: the rows of its old keys lose one, those of its new keys gain one (a key in both nets out).
CREATE OR REPLACE FUNCTION participation_event_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO participation AS p (period_key, club_code, province_code, customer_id, events_attended)
	SELECT k.period_key, c.club_code, k.province_code, r.customer_id, sum(k.sign)
	FROM registrations r
	CROSS JOIN (VALUES (OLD.starts_at, OLD.province_code, OLD.club_code, OLD.kind, -1), (NEW.starts_at, NEW.province_code, NEW.club_code, NEW.kind, 1)) e (starts_at, province_code, club_code, kind, sign)
	CROSS JOIN LATERAL (SELECT (to_timestamp(e.starts_at / 1000) AT TIME ZONE 'UTC') + interval '8 hours' AS local_start) t
	CROSS JOIN LATERAL (VALUES
		('Y' || to_char(t.local_start, 'YYYY'), e.province_code, e.sign),
		('Q' || to_char(t.local_start, 'YYYY') || '-' || to_char(t.local_start, 'Q'), e.province_code, e.sign),
		('M' || to_char(t.local_start, 'YYYY-MM'), e.province_code, e.sign)
	) k (period_key, province_code, sign)
	CROSS JOIN LATERAL (VALUES (e.club_code), ('*'), ('segment:' || r.segment), ('channel:' || r.channel), ('kind:' || e.kind)) c (club_code)
	WHERE r.event_id = NEW.id AND r.status = 'attended'
	GROUP BY 1, 2, 3, 4 HAVING sum(k.sign) <> 0
	ON CONFLICT (period_key, club_code, province_code, customer_id) DO UPDATE SET events_attended = p.events_attended + excluded.events_attended;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
DROP TRIGGER participation_event_moved ON events;
--> statement-breakpoint
CREATE TRIGGER participation_event_moved AFTER UPDATE OF starts_at, province_code, club_code, kind ON events FOR EACH ROW
WHEN (beijing_month(OLD.starts_at) <> beijing_month(NEW.starts_at) OR OLD.province_code <> NEW.province_code OR OLD.club_code <> NEW.club_code OR OLD.kind <> NEW.kind)
EXECUTE FUNCTION participation_event_moved();
