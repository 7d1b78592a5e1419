-- Participants over any range of days from summary rows (db/schema/stats.ts): participation_chain
-- holds each attended registration in each of its scopes with the customer's two previous and two
-- next attended events in that scope and province; participation_cells counts the chain by month.
-- They replace participation and participation_totals, which answered whole years, quarters and
-- months only. participation_scopes lists the 12 scopes each attended registration counts in: each
-- combination of its club or its event's kind (or neither), its segment (or not) and its channel
-- (or not), '/'-joined: 'music', 'kind:film_premiere/segment:postpaid_vip', '*' for none.
DROP TRIGGER `participation_insert`;
--> statement-breakpoint
DROP TRIGGER `participation_update`;
--> statement-breakpoint
DROP TRIGGER `participation_event_moved`;
--> statement-breakpoint
DROP TRIGGER `participation_totals_insert`;
--> statement-breakpoint
DROP TRIGGER `participation_totals_update`;
--> statement-breakpoint
DROP VIEW `participation_registration_keys`;
--> statement-breakpoint
DROP VIEW `participation_keys`;
--> statement-breakpoint
CREATE VIEW `participation_scopes` AS
SELECT r.`customer_id`, e.`province_code`,
	coalesce(nullif(concat_ws('/',
		CASE s.`n` % 3 WHEN 1 THEN e.`club_code` WHEN 2 THEN 'kind:' || e.`kind` END,
		CASE WHEN s.`n` / 3 % 2 = 1 THEN 'segment:' || coalesce(r.`segment`, (SELECT c.`segment` FROM `customers` c WHERE c.`id` = r.`customer_id`)) END,
		CASE WHEN s.`n` / 6 = 1 THEN 'channel:' || r.`channel` END), ''), '*') AS `club_code`,
	e.`starts_at`, r.`id` AS `registration_id`
FROM `registrations` r JOIN `events` e ON e.`id` = r.`event_id`
CROSS JOIN (SELECT 0 AS `n` UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5
	UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9 UNION ALL SELECT 10 UNION ALL SELECT 11) s
WHERE r.`status` = 'attended';
--> statement-breakpoint
-- The chain's months as the cells count them, for the backfill and the consistency check.
CREATE VIEW `participation_chain_months` AS
SELECT `club_code`, `province_code`, strftime('%Y-%m', `starts_at` / 1000, 'unixepoch', '+8 hours') AS `month`,
	CASE WHEN `prev_at` = 0 THEN '' ELSE strftime('%Y-%m', `prev_at` / 1000, 'unixepoch', '+8 hours') END AS `prev_month`,
	CASE WHEN `prev2_at` = 0 THEN '' ELSE strftime('%Y-%m', `prev2_at` / 1000, 'unixepoch', '+8 hours') END AS `prev2_month`
FROM `participation_chain`;
--> statement-breakpoint
INSERT INTO `participation_chain` (`customer_id`, `province_code`, `club_code`, `starts_at`, `registration_id`, `prev_at`, `prev2_at`, `next_at`, `next2_at`)
SELECT `customer_id`, `province_code`, `club_code`, `starts_at`, `registration_id`,
	coalesce(lag(`starts_at`, 1) OVER w, 0), coalesce(lag(`starts_at`, 2) OVER w, 0),
	coalesce(lead(`starts_at`, 1) OVER w, 253402214400000), coalesce(lead(`starts_at`, 2) OVER w, 253402214400000)
FROM `participation_scopes`
WINDOW w AS (PARTITION BY `customer_id`, `province_code`, `club_code` ORDER BY `starts_at`, `registration_id`);
--> statement-breakpoint
INSERT INTO `participation_cells` (`club_code`, `province_code`, `month`, `prev_month`, `prev2_month`, `attendances`)
SELECT `club_code`, `province_code`, `month`, `prev_month`, `prev2_month`, count(*) FROM (
	SELECT `club_code`, `province_code`, `month`, `prev_month`, `prev2_month` FROM `participation_chain_months`
	UNION ALL SELECT `club_code`, '*', `month`, `prev_month`, `prev2_month` FROM `participation_chain_months`
) GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
CREATE TRIGGER `participation_cells_insert` AFTER INSERT ON `participation_chain`
BEGIN
	INSERT INTO `participation_cells` (`club_code`, `province_code`, `month`, `prev_month`, `prev2_month`, `attendances`)
	SELECT NEW.`club_code`, p.`code`, strftime('%Y-%m', NEW.`starts_at` / 1000, 'unixepoch', '+8 hours'),
		CASE WHEN NEW.`prev_at` = 0 THEN '' ELSE strftime('%Y-%m', NEW.`prev_at` / 1000, 'unixepoch', '+8 hours') END,
		CASE WHEN NEW.`prev2_at` = 0 THEN '' ELSE strftime('%Y-%m', NEW.`prev2_at` / 1000, 'unixepoch', '+8 hours') END, 1
	FROM (SELECT NEW.`province_code` AS `code` UNION ALL SELECT '*') p WHERE true
	ON CONFLICT DO UPDATE SET `attendances` = `attendances` + excluded.`attendances`;
END;
--> statement-breakpoint
CREATE TRIGGER `participation_cells_delete` AFTER DELETE ON `participation_chain`
BEGIN
	INSERT INTO `participation_cells` (`club_code`, `province_code`, `month`, `prev_month`, `prev2_month`, `attendances`)
	SELECT OLD.`club_code`, p.`code`, strftime('%Y-%m', OLD.`starts_at` / 1000, 'unixepoch', '+8 hours'),
		CASE WHEN OLD.`prev_at` = 0 THEN '' ELSE strftime('%Y-%m', OLD.`prev_at` / 1000, 'unixepoch', '+8 hours') END,
		CASE WHEN OLD.`prev2_at` = 0 THEN '' ELSE strftime('%Y-%m', OLD.`prev2_at` / 1000, 'unixepoch', '+8 hours') END, -1
	FROM (SELECT OLD.`province_code` AS `code` UNION ALL SELECT '*') p WHERE true
	ON CONFLICT DO UPDATE SET `attendances` = `attendances` + excluded.`attendances`;
END;
--> statement-breakpoint
-- A changed neighbour moves the attendance to another cell (the keys, and so its month, never change).
CREATE TRIGGER `participation_cells_update` AFTER UPDATE OF `prev_at`, `prev2_at` ON `participation_chain`
WHEN NEW.`prev_at` <> OLD.`prev_at` OR NEW.`prev2_at` <> OLD.`prev2_at`
BEGIN
	INSERT INTO `participation_cells` (`club_code`, `province_code`, `month`, `prev_month`, `prev2_month`, `attendances`)
	SELECT OLD.`club_code`, p.`code`, strftime('%Y-%m', OLD.`starts_at` / 1000, 'unixepoch', '+8 hours'),
		CASE WHEN OLD.`prev_at` = 0 THEN '' ELSE strftime('%Y-%m', OLD.`prev_at` / 1000, 'unixepoch', '+8 hours') END,
		CASE WHEN OLD.`prev2_at` = 0 THEN '' ELSE strftime('%Y-%m', OLD.`prev2_at` / 1000, 'unixepoch', '+8 hours') END, -1
	FROM (SELECT OLD.`province_code` AS `code` UNION ALL SELECT '*') p WHERE true
	ON CONFLICT DO UPDATE SET `attendances` = `attendances` + excluded.`attendances`;
	INSERT INTO `participation_cells` (`club_code`, `province_code`, `month`, `prev_month`, `prev2_month`, `attendances`)
	SELECT NEW.`club_code`, p.`code`, strftime('%Y-%m', NEW.`starts_at` / 1000, 'unixepoch', '+8 hours'),
		CASE WHEN NEW.`prev_at` = 0 THEN '' ELSE strftime('%Y-%m', NEW.`prev_at` / 1000, 'unixepoch', '+8 hours') END,
		CASE WHEN NEW.`prev2_at` = 0 THEN '' ELSE strftime('%Y-%m', NEW.`prev2_at` / 1000, 'unixepoch', '+8 hours') END, 1
	FROM (SELECT NEW.`province_code` AS `code` UNION ALL SELECT '*') p WHERE true
	ON CONFLICT DO UPDATE SET `attendances` = `attendances` + excluded.`attendances`;
END;
--> statement-breakpoint
-- Inserting (customer_id, province_code) here recomputes that customer's chain in that province
-- from the attended registrations: rows no longer attended (or moved) go, new ones come, and only
-- those whose neighbours changed are written. SQLite has no procedures; the registration and event
-- triggers below share this one through the view.
CREATE VIEW `participation_recompute` AS SELECT `customer_id`, `province_code` FROM `participation_chain` WHERE 0;
--> statement-breakpoint
CREATE TRIGGER `participation_recompute_chain` INSTEAD OF INSERT ON `participation_recompute`
BEGIN
	DELETE FROM `participation_chain` WHERE `customer_id` = NEW.`customer_id` AND `province_code` = NEW.`province_code`
		AND (`club_code`, `starts_at`, `registration_id`) NOT IN (
			SELECT `club_code`, `starts_at`, `registration_id` FROM `participation_scopes` WHERE `customer_id` = NEW.`customer_id` AND `province_code` = NEW.`province_code`);
	INSERT INTO `participation_chain` (`customer_id`, `province_code`, `club_code`, `starts_at`, `registration_id`, `prev_at`, `prev2_at`, `next_at`, `next2_at`)
	SELECT `customer_id`, `province_code`, `club_code`, `starts_at`, `registration_id`,
		coalesce(lag(`starts_at`, 1) OVER w, 0), coalesce(lag(`starts_at`, 2) OVER w, 0),
		coalesce(lead(`starts_at`, 1) OVER w, 253402214400000), coalesce(lead(`starts_at`, 2) OVER w, 253402214400000)
	FROM `participation_scopes` WHERE `customer_id` = NEW.`customer_id` AND `province_code` = NEW.`province_code`
	WINDOW w AS (PARTITION BY `club_code` ORDER BY `starts_at`, `registration_id`)
	ON CONFLICT DO UPDATE SET `prev_at` = excluded.`prev_at`, `prev2_at` = excluded.`prev2_at`, `next_at` = excluded.`next_at`, `next2_at` = excluded.`next2_at`
	WHERE `prev_at` <> excluded.`prev_at` OR `prev2_at` <> excluded.`prev2_at` OR `next_at` <> excluded.`next_at` OR `next2_at` <> excluded.`next2_at`;
END;
--> statement-breakpoint
CREATE TRIGGER `participation_attended` AFTER INSERT ON `registrations`
WHEN NEW.`status` = 'attended'
BEGIN
	INSERT INTO `participation_recompute` SELECT NEW.`customer_id`, `province_code` FROM `events` WHERE `id` = NEW.`event_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `participation_attendance_changed` AFTER UPDATE OF `status` ON `registrations`
WHEN (NEW.`status` = 'attended') <> (OLD.`status` = 'attended')
BEGIN
	INSERT INTO `participation_recompute` SELECT NEW.`customer_id`, `province_code` FROM `events` WHERE `id` = NEW.`event_id`;
END;
--> statement-breakpoint
-- A rescheduled (or re-filed) event reorders its attendees' chains, in its old and new province.
CREATE TRIGGER `participation_event_changed` AFTER UPDATE OF `starts_at`, `province_code`, `club_code`, `kind` ON `events`
WHEN NEW.`starts_at` <> OLD.`starts_at` OR NEW.`province_code` <> OLD.`province_code` OR NEW.`club_code` <> OLD.`club_code` OR NEW.`kind` <> OLD.`kind`
BEGIN
	INSERT INTO `participation_recompute`
	SELECT DISTINCT r.`customer_id`, p.`code` FROM `registrations` r CROSS JOIN (SELECT OLD.`province_code` AS `code` UNION SELECT NEW.`province_code`) p
	WHERE r.`event_id` = NEW.`id` AND r.`status` = 'attended';
END;
