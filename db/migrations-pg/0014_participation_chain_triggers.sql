-- SQLite migration 0040 in PL/pgSQL: participation_chain and participation_cells replace
-- participation and participation_totals (db/schema/stats.ts). participation_recompute(customer,
-- province) rebuilds one customer's chain in one province from the attended registrations; it
-- first takes a transaction-level advisory lock on that customer, so that two transactions
-- attending the same customer at once recompute one after the other, the second (READ COMMITTED)
-- seeing the first's attendance.
DROP TRIGGER participation_insert ON registrations;
--> statement-breakpoint
DROP TRIGGER participation_update ON registrations;
--> statement-breakpoint
DROP TRIGGER participation_event_moved ON events;
--> statement-breakpoint
DROP TRIGGER participation_totals_insert ON participation;
--> statement-breakpoint
DROP TRIGGER participation_totals_update ON participation;
--> statement-breakpoint
DROP FUNCTION participation_insert();
--> statement-breakpoint
DROP FUNCTION participation_update();
--> statement-breakpoint
DROP FUNCTION participation_event_moved();
--> statement-breakpoint
DROP FUNCTION participation_totals_insert();
--> statement-breakpoint
DROP FUNCTION participation_totals_update();
--> statement-breakpoint
DROP VIEW participation_registration_keys;
--> statement-breakpoint
DROP VIEW participation_keys;
--> statement-breakpoint
CREATE VIEW participation_scopes AS
SELECT r.customer_id, e.province_code,
	coalesce(nullif(concat_ws('/',
		CASE s.n % 3 WHEN 1 THEN e.club_code WHEN 2 THEN 'kind:' || e.kind END,
		CASE WHEN s.n / 3 % 2 = 1 THEN 'segment:' || coalesce(r.segment, (SELECT c.segment FROM customers c WHERE c.id = r.customer_id)) END,
		CASE WHEN s.n / 6 = 1 THEN 'channel:' || r.channel END), ''), '*') AS club_code,
	e.starts_at, r.id AS registration_id
FROM registrations r JOIN events e ON e.id = r.event_id
CROSS JOIN generate_series(0, 11) s (n)
WHERE r.status = 'attended';
--> statement-breakpoint
CREATE VIEW participation_chain_months AS
SELECT club_code, province_code, beijing_month(starts_at) AS month,
	CASE WHEN prev_at = 0 THEN '' ELSE beijing_month(prev_at) END AS prev_month,
	CASE WHEN prev2_at = 0 THEN '' ELSE beijing_month(prev2_at) END AS prev2_month
FROM participation_chain;
--> statement-breakpoint
INSERT INTO participation_chain (customer_id, province_code, club_code, starts_at, registration_id, prev_at, prev2_at, next_at, next2_at)
SELECT customer_id, province_code, club_code, starts_at, registration_id,
	coalesce(lag(starts_at, 1) OVER w, 0), coalesce(lag(starts_at, 2) OVER w, 0),
	coalesce(lead(starts_at, 1) OVER w, 253402214400000), coalesce(lead(starts_at, 2) OVER w, 253402214400000)
FROM participation_scopes
WINDOW w AS (PARTITION BY customer_id, province_code, club_code ORDER BY starts_at, registration_id);
--> statement-breakpoint
INSERT INTO participation_cells (club_code, province_code, month, prev_month, prev2_month, attendances)
SELECT club_code, p.province_code, month, prev_month, prev2_month, count(*)
FROM participation_chain_months m CROSS JOIN LATERAL (VALUES (m.province_code), ('*')) p (province_code)
GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
-- One attendance counted (sign 1) or no longer counted (-1) in its cells, its province's and '*'.
CREATE FUNCTION participation_cells_add(c participation_chain, sign bigint) RETURNS void LANGUAGE sql AS $$
	INSERT INTO participation_cells AS t (club_code, province_code, month, prev_month, prev2_month, attendances)
	SELECT c.club_code, p.code, beijing_month(c.starts_at),
		CASE WHEN c.prev_at = 0 THEN '' ELSE beijing_month(c.prev_at) END,
		CASE WHEN c.prev2_at = 0 THEN '' ELSE beijing_month(c.prev2_at) END, sign
	FROM (VALUES (c.province_code), ('*')) p (code)
	ON CONFLICT (club_code, province_code, month, prev_month, prev2_month) DO UPDATE SET attendances = t.attendances + excluded.attendances;
$$;
--> statement-breakpoint
CREATE FUNCTION participation_cells_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM participation_cells_add(OLD, -1); END IF;
	IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM participation_cells_add(NEW, 1); END IF;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER participation_cells_insert AFTER INSERT ON participation_chain FOR EACH ROW EXECUTE FUNCTION participation_cells_apply();
--> statement-breakpoint
CREATE TRIGGER participation_cells_delete AFTER DELETE ON participation_chain FOR EACH ROW EXECUTE FUNCTION participation_cells_apply();
--> statement-breakpoint
CREATE TRIGGER participation_cells_update AFTER UPDATE OF prev_at, prev2_at ON participation_chain FOR EACH ROW
WHEN (NEW.prev_at <> OLD.prev_at OR NEW.prev2_at <> OLD.prev2_at) EXECUTE FUNCTION participation_cells_apply();
--> statement-breakpoint
CREATE FUNCTION participation_recompute(customer bigint, province text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_advisory_xact_lock(hashtextextended('participation_chain:' || customer, 0));
	DELETE FROM participation_chain WHERE customer_id = customer AND province_code = province
		AND (club_code, starts_at, registration_id) NOT IN (
			SELECT s.club_code, s.starts_at, s.registration_id FROM participation_scopes s WHERE s.customer_id = customer AND s.province_code = province);
	INSERT INTO participation_chain AS t (customer_id, province_code, club_code, starts_at, registration_id, prev_at, prev2_at, next_at, next2_at)
	SELECT s.customer_id, s.province_code, s.club_code, s.starts_at, s.registration_id,
		coalesce(lag(s.starts_at, 1) OVER w, 0), coalesce(lag(s.starts_at, 2) OVER w, 0),
		coalesce(lead(s.starts_at, 1) OVER w, 253402214400000), coalesce(lead(s.starts_at, 2) OVER w, 253402214400000)
	FROM participation_scopes s WHERE s.customer_id = customer AND s.province_code = province
	WINDOW w AS (PARTITION BY s.club_code ORDER BY s.starts_at, s.registration_id)
	ON CONFLICT (customer_id, province_code, club_code, starts_at, registration_id) DO UPDATE SET
		prev_at = excluded.prev_at, prev2_at = excluded.prev2_at, next_at = excluded.next_at, next2_at = excluded.next2_at
	WHERE (t.prev_at, t.prev2_at, t.next_at, t.next2_at) IS DISTINCT FROM (excluded.prev_at, excluded.prev2_at, excluded.next_at, excluded.next2_at);
END;
$$;
--> statement-breakpoint
CREATE FUNCTION participation_attended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM participation_recompute(NEW.customer_id, (SELECT province_code FROM events WHERE id = NEW.event_id));
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER participation_attended AFTER INSERT ON registrations FOR EACH ROW
WHEN (NEW.status = 'attended') EXECUTE FUNCTION participation_attended();
--> statement-breakpoint
CREATE TRIGGER participation_attendance_changed AFTER UPDATE OF status ON registrations FOR EACH ROW
WHEN ((NEW.status = 'attended') <> (OLD.status = 'attended')) EXECUTE FUNCTION participation_attended();
--> statement-breakpoint
-- A rescheduled (or re-filed) event reorders its attendees' chains, in its old and new province,
-- customers in id order (the advisory locks in a fixed order).
CREATE FUNCTION participation_event_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM participation_recompute(a.customer_id, a.province_code)
	FROM (SELECT DISTINCT r.customer_id, p.code AS province_code FROM registrations r CROSS JOIN (VALUES (OLD.province_code), (NEW.province_code)) p (code)
		WHERE r.event_id = NEW.id AND r.status = 'attended' ORDER BY 1, 2) a;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER participation_event_changed AFTER UPDATE OF starts_at, province_code, club_code, kind ON events FOR EACH ROW
WHEN (NEW.starts_at <> OLD.starts_at OR NEW.province_code <> OLD.province_code OR NEW.club_code <> OLD.club_code OR NEW.kind <> OLD.kind)
EXECUTE FUNCTION participation_event_changed();
