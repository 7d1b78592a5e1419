-- The 22 triggers of the SQLite migrations (0001, 0007, 0011, 0013, 0016, 0017, 0020), in PL/pgSQL,
-- one function per trigger under the trigger's own name, with the same refusal texts (code may
-- match on them on either engine). SQLite runs one writer at a time; here several transactions
-- write at once, so:
-- - every counter moves by a row-level `SET x = x + d` (the row lock orders concurrent writers;
--   under READ COMMITTED the second re-reads the row the first committed), never read-then-write;
-- - a guard that reads other rows (a balance against its ledger) runs after the row's lock is
--   taken, and its query sees every transaction committed before that;
-- - a copy of a customer's segment is read under FOR SHARE, so that a concurrent change of the
--   segment waits for the copy to commit (and then updates it) or is seen by it;
-- - refusals are SQLSTATE 23000 (integrity_constraint_violation), as SQLite's are constraint errors.
-- PostgreSQL's WHEN clauses cannot hold subqueries: such conditions are in the function bodies. A
-- WHEN that skips an update whose effect would be nil (a status set to itself) is only a saving.

-- Balances are caches of their ledgers: a ledger row is applied to its customer's balance; the
-- balance refuses any value other than its ledger's sum, and CHECK (>= 0) on customers makes an
-- overdraft abort the insert that caused it. Ledgers are append-only.
CREATE FUNCTION points_ledger_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE customers SET points_balance = points_balance + NEW.delta WHERE id = NEW.customer_id;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER points_ledger_apply AFTER INSERT ON points_ledger FOR EACH ROW EXECUTE FUNCTION points_ledger_apply();
--> statement-breakpoint
CREATE FUNCTION points_balance_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.points_balance <> (SELECT coalesce(sum(delta), 0) FROM points_ledger WHERE customer_id = NEW.id) THEN
		RAISE EXCEPTION 'points_balance changes only through points_ledger' USING ERRCODE = 'integrity_constraint_violation';
	END IF;
	RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER points_balance_guard BEFORE UPDATE OF points_balance ON customers FOR EACH ROW EXECUTE FUNCTION points_balance_guard();
--> statement-breakpoint
CREATE FUNCTION points_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'points_ledger is append-only' USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER points_ledger_no_update BEFORE UPDATE ON points_ledger FOR EACH ROW EXECUTE FUNCTION points_ledger_append_only();
--> statement-breakpoint
CREATE TRIGGER points_ledger_no_delete BEFORE DELETE ON points_ledger FOR EACH ROW EXECUTE FUNCTION points_ledger_append_only();
--> statement-breakpoint
CREATE FUNCTION points_balance_initial() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'a new customer starts with zero balances; grants go through the ledgers' USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER points_balance_initial BEFORE INSERT ON customers FOR EACH ROW
WHEN (NEW.points_balance <> 0 OR NEW.prepaid_balance_fen <> 0) EXECUTE FUNCTION points_balance_initial();
--> statement-breakpoint
CREATE FUNCTION prepaid_ledger_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE customers SET prepaid_balance_fen = prepaid_balance_fen + NEW.delta_fen WHERE id = NEW.customer_id;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER prepaid_ledger_apply AFTER INSERT ON prepaid_ledger FOR EACH ROW EXECUTE FUNCTION prepaid_ledger_apply();
--> statement-breakpoint
CREATE FUNCTION prepaid_balance_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.prepaid_balance_fen <> (SELECT coalesce(sum(delta_fen), 0) FROM prepaid_ledger WHERE customer_id = NEW.id) THEN
		RAISE EXCEPTION 'prepaid_balance_fen changes only through prepaid_ledger' USING ERRCODE = 'integrity_constraint_violation';
	END IF;
	RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER prepaid_balance_guard BEFORE UPDATE OF prepaid_balance_fen ON customers FOR EACH ROW EXECUTE FUNCTION prepaid_balance_guard();
--> statement-breakpoint
CREATE FUNCTION prepaid_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'prepaid_ledger is append-only' USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER prepaid_ledger_no_update BEFORE UPDATE ON prepaid_ledger FOR EACH ROW EXECUTE FUNCTION prepaid_ledger_append_only();
--> statement-breakpoint
CREATE TRIGGER prepaid_ledger_no_delete BEFORE DELETE ON prepaid_ledger FOR EACH ROW EXECUTE FUNCTION prepaid_ledger_append_only();
--> statement-breakpoint

-- events.seats_taken and events.waitlisted count an event's registrations (confirmed, attended,
-- no_show; waitlisted), in the statement that changes a registration; an event may never hold
-- more seats than its capacity.
CREATE FUNCTION registrations_count_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE events SET
		seats_taken = seats_taken + (NEW.status IN ('confirmed', 'attended', 'no_show'))::int,
		waitlisted = waitlisted + (NEW.status = 'waitlisted')::int
	WHERE id = NEW.event_id;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER registrations_count_insert AFTER INSERT ON registrations FOR EACH ROW EXECUTE FUNCTION registrations_count_insert();
--> statement-breakpoint
CREATE FUNCTION registrations_count_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE events SET
		seats_taken = seats_taken - (OLD.status IN ('confirmed', 'attended', 'no_show'))::int,
		waitlisted = waitlisted - (OLD.status = 'waitlisted')::int
	WHERE id = OLD.event_id;
	UPDATE events SET
		seats_taken = seats_taken + (NEW.status IN ('confirmed', 'attended', 'no_show'))::int,
		waitlisted = waitlisted + (NEW.status = 'waitlisted')::int
	WHERE id = NEW.event_id;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER registrations_count_update AFTER UPDATE OF status, event_id ON registrations FOR EACH ROW
WHEN (NEW.status IS DISTINCT FROM OLD.status OR NEW.event_id IS DISTINCT FROM OLD.event_id) EXECUTE FUNCTION registrations_count_update();
--> statement-breakpoint
CREATE FUNCTION registrations_count_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE events SET
		seats_taken = seats_taken - (OLD.status IN ('confirmed', 'attended', 'no_show'))::int,
		waitlisted = waitlisted - (OLD.status = 'waitlisted')::int
	WHERE id = OLD.event_id;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER registrations_count_delete AFTER DELETE ON registrations FOR EACH ROW EXECUTE FUNCTION registrations_count_delete();
--> statement-breakpoint
CREATE FUNCTION events_no_overbooking() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'an event cannot hold more seats than its capacity' USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER events_no_overbooking BEFORE UPDATE OF seats_taken, capacity ON events FOR EACH ROW
WHEN (NEW.seats_taken > NEW.capacity) EXECUTE FUNCTION events_no_overbooking();
--> statement-breakpoint

-- event_stats holds the additive statistics of registrations per event, segment and channel, kept
-- in the statement that changes a registration; a registration inserted without its segment takes
-- the customer's segment of the moment.
CREATE FUNCTION event_stats_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	stats_segment text := NEW.segment;
BEGIN
	IF stats_segment IS NULL THEN
		SELECT segment INTO stats_segment FROM customers WHERE id = NEW.customer_id;
		UPDATE registrations SET segment = stats_segment WHERE id = NEW.id;
	END IF;
	INSERT INTO event_stats AS s (event_id, segment, channel, registrations, confirmed, attended, no_show, cancelled, waitlisted, waitlist_joins, points_paid, fen_paid)
	VALUES (
		NEW.event_id, stats_segment, NEW.channel, 1,
		(NEW.status = 'confirmed')::int, (NEW.status = 'attended')::int, (NEW.status = 'no_show')::int, (NEW.status = 'cancelled')::int,
		(NEW.status = 'waitlisted')::int, (NEW.status = 'waitlisted')::int,
		CASE WHEN NEW.refunded_at IS NULL THEN NEW.paid_points ELSE 0 END, CASE WHEN NEW.refunded_at IS NULL THEN NEW.paid_fen ELSE 0 END
	)
	ON CONFLICT (event_id, segment, channel) DO UPDATE SET
		registrations = s.registrations + 1,
		confirmed = s.confirmed + excluded.confirmed,
		attended = s.attended + excluded.attended,
		no_show = s.no_show + excluded.no_show,
		cancelled = s.cancelled + excluded.cancelled,
		waitlisted = s.waitlisted + excluded.waitlisted,
		waitlist_joins = s.waitlist_joins + excluded.waitlist_joins,
		points_paid = s.points_paid + excluded.points_paid,
		fen_paid = s.fen_paid + excluded.fen_paid;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER event_stats_insert AFTER INSERT ON registrations FOR EACH ROW EXECUTE FUNCTION event_stats_insert();
--> statement-breakpoint
CREATE FUNCTION event_stats_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE event_stats SET
		confirmed = confirmed - (OLD.status = 'confirmed')::int + (NEW.status = 'confirmed')::int,
		attended = attended - (OLD.status = 'attended')::int + (NEW.status = 'attended')::int,
		no_show = no_show - (OLD.status = 'no_show')::int + (NEW.status = 'no_show')::int,
		cancelled = cancelled - (OLD.status = 'cancelled')::int + (NEW.status = 'cancelled')::int,
		waitlisted = waitlisted - (OLD.status = 'waitlisted')::int + (NEW.status = 'waitlisted')::int,
		points_paid = points_paid - (CASE WHEN OLD.refunded_at IS NULL THEN OLD.paid_points ELSE 0 END) + (CASE WHEN NEW.refunded_at IS NULL THEN NEW.paid_points ELSE 0 END),
		fen_paid = fen_paid - (CASE WHEN OLD.refunded_at IS NULL THEN OLD.paid_fen ELSE 0 END) + (CASE WHEN NEW.refunded_at IS NULL THEN NEW.paid_fen ELSE 0 END)
	WHERE event_id = NEW.event_id AND segment = NEW.segment AND channel = NEW.channel;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER event_stats_update AFTER UPDATE OF status, paid_points, paid_fen, refunded_at ON registrations FOR EACH ROW
WHEN (NEW.status IS DISTINCT FROM OLD.status OR NEW.paid_points IS DISTINCT FROM OLD.paid_points OR NEW.paid_fen IS DISTINCT FROM OLD.paid_fen OR NEW.refunded_at IS DISTINCT FROM OLD.refunded_at)
EXECUTE FUNCTION event_stats_update();
--> statement-breakpoint

-- participation: per period (year, quarter, month in Beijing time, UTC+8 all year), club ('*' for
-- any) and province, each customer who attended, with how many events; kept as registrations
-- become (or stop being) attended. participation_keys lists the rows an event's attendance counts in.
CREATE VIEW participation_keys AS
SELECT e.id AS event_id, e.province_code, p.period_key, c.club_code
FROM events e
CROSS JOIN LATERAL (SELECT (to_timestamp(e.starts_at / 1000) AT TIME ZONE 'UTC') + interval '8 hours' AS local_start) t
CROSS JOIN LATERAL (VALUES
	('Y' || to_char(t.local_start, 'YYYY')),
	('Q' || to_char(t.local_start, 'YYYY') || '-' || to_char(t.local_start, 'Q')),
	('M' || to_char(t.local_start, 'YYYY-MM'))
) p (period_key)
CROSS JOIN LATERAL (VALUES (e.club_code), ('*')) c (club_code);
--> statement-breakpoint
CREATE FUNCTION participation_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO participation AS p (period_key, club_code, province_code, customer_id, events_attended)
	SELECT period_key, club_code, province_code, NEW.customer_id, 1 FROM participation_keys WHERE event_id = NEW.event_id
	ON CONFLICT (period_key, club_code, province_code, customer_id) DO UPDATE SET events_attended = p.events_attended + 1;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER participation_insert AFTER INSERT ON registrations FOR EACH ROW
WHEN (NEW.status = 'attended') EXECUTE FUNCTION participation_insert();
--> statement-breakpoint
CREATE FUNCTION participation_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO participation AS p (period_key, club_code, province_code, customer_id, events_attended)
	SELECT period_key, club_code, province_code, NEW.customer_id, CASE WHEN NEW.status = 'attended' THEN 1 ELSE -1 END
	FROM participation_keys WHERE event_id = NEW.event_id
	ON CONFLICT (period_key, club_code, province_code, customer_id) DO UPDATE SET events_attended = p.events_attended + excluded.events_attended;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER participation_update AFTER UPDATE OF status ON registrations FOR EACH ROW
WHEN ((NEW.status = 'attended') <> (OLD.status = 'attended')) EXECUTE FUNCTION participation_update();
--> statement-breakpoint

-- service_slots.booked counts a slot's live bookings, in the statement that changes a booking; the
-- slot's CHECK (booked <= capacity) refuses an overbooking whatever writes it.
CREATE FUNCTION service_bookings_count_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE service_slots SET booked = booked + 1 WHERE id = NEW.slot_id;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER service_bookings_count_insert AFTER INSERT ON service_bookings FOR EACH ROW
WHEN (NEW.status <> 'cancelled') EXECUTE FUNCTION service_bookings_count_insert();
--> statement-breakpoint
CREATE FUNCTION service_bookings_count_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE service_slots SET booked = booked + CASE WHEN NEW.status = 'cancelled' THEN -1 ELSE 1 END WHERE id = NEW.slot_id;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER service_bookings_count_update AFTER UPDATE OF status ON service_bookings FOR EACH ROW
WHEN ((NEW.status = 'cancelled') <> (OLD.status = 'cancelled')) EXECUTE FUNCTION service_bookings_count_update();
--> statement-breakpoint

-- The customer's segment on each membership, for statistics by segment without a customer lookup.
-- FOR SHARE: a concurrent change of the customer's segment either commits first (and is read
-- here) or waits for this membership to commit (and then copies the segment onto it too).
CREATE FUNCTION memberships_segment_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	customer_segment text;
BEGIN
	SELECT segment INTO customer_segment FROM customers WHERE id = NEW.customer_id FOR SHARE;
	UPDATE memberships SET segment = customer_segment WHERE id = NEW.id;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER memberships_segment_on_insert AFTER INSERT ON memberships FOR EACH ROW EXECUTE FUNCTION memberships_segment_on_insert();
--> statement-breakpoint
CREATE FUNCTION customers_segment_to_memberships() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE memberships SET segment = NEW.segment WHERE customer_id = NEW.id;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER customers_segment_to_memberships AFTER UPDATE OF segment ON customers FOR EACH ROW
WHEN (NEW.segment IS DISTINCT FROM OLD.segment) EXECUTE FUNCTION customers_segment_to_memberships();
--> statement-breakpoint

-- Slots and phones keep their hall's Chinese name for their texts: a renamed hall renames them.
CREATE FUNCTION halls_rename() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE service_slots SET place = NEW.name_zh WHERE hall_id = NEW.id;
	UPDATE loaner_phones SET hall = NEW.name_zh WHERE hall_id = NEW.id;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER halls_rename AFTER UPDATE OF name_zh ON halls FOR EACH ROW EXECUTE FUNCTION halls_rename();
