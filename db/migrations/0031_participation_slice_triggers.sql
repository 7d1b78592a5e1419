-- participation also counts, per period and province across all clubs, the customers who attended
-- with a given registration segment or channel, or at an event of a given kind: scopes
-- `segment:<segment>`, `channel:<channel>` and `kind:<kind>` beside the clubs and '*'.
-- participation_registration_keys lists every row an attended registration counts in; the
-- triggers and the consistency check (db/consistency.ts) read it, and the slices are filled from it.
CREATE VIEW `participation_registration_keys` AS
SELECT r.`id` AS `registration_id`, r.`customer_id`, k.`period_key`, k.`club_code`, k.`province_code`
FROM `registrations` r JOIN `participation_keys` k ON k.`event_id` = r.`event_id`
UNION ALL
SELECT r.`id`, r.`customer_id`, k.`period_key`,
	CASE d.`n`
		WHEN 1 THEN 'segment:' || coalesce(r.`segment`, (SELECT c.`segment` FROM `customers` c WHERE c.`id` = r.`customer_id`))
		WHEN 2 THEN 'channel:' || r.`channel`
		ELSE 'kind:' || (SELECT e.`kind` FROM `events` e WHERE e.`id` = r.`event_id`)
	END,
	k.`province_code`
FROM `registrations` r
JOIN `participation_keys` k ON k.`event_id` = r.`event_id` AND k.`club_code` = '*'
JOIN (SELECT 1 AS `n` UNION ALL SELECT 2 UNION ALL SELECT 3) d;
--> statement-breakpoint
INSERT INTO `participation` (`period_key`, `club_code`, `province_code`, `customer_id`, `events_attended`)
SELECT k.`period_key`, k.`club_code`, k.`province_code`, k.`customer_id`, count(*)
FROM `participation_registration_keys` k JOIN `registrations` r ON r.`id` = k.`registration_id`
WHERE r.`status` = 'attended' AND k.`club_code` LIKE '%:%'
GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
DROP TRIGGER `participation_insert`;
--> statement-breakpoint
CREATE TRIGGER `participation_insert` AFTER INSERT ON `registrations`
WHEN NEW.`status` = 'attended'
BEGIN
	INSERT INTO `participation` (`period_key`, `club_code`, `province_code`, `customer_id`, `events_attended`)
	SELECT `period_key`, `club_code`, `province_code`, NEW.`customer_id`, 1 FROM `participation_registration_keys` WHERE `registration_id` = NEW.`id` AND true
	ON CONFLICT DO UPDATE SET `events_attended` = `events_attended` + 1;
END;
--> statement-breakpoint
DROP TRIGGER `participation_update`;
--> statement-breakpoint
CREATE TRIGGER `participation_update` AFTER UPDATE OF `status` ON `registrations`
WHEN (NEW.`status` = 'attended') <> (OLD.`status` = 'attended')
BEGIN
	INSERT INTO `participation` (`period_key`, `club_code`, `province_code`, `customer_id`, `events_attended`)
	SELECT `period_key`, `club_code`, `province_code`, NEW.`customer_id`, CASE WHEN NEW.`status` = 'attended' THEN 1 ELSE -1 END
	FROM `participation_registration_keys` WHERE `registration_id` = NEW.`id` AND true
	ON CONFLICT DO UPDATE SET `events_attended` = `events_attended` + excluded.`events_attended`;
END;
--> statement-breakpoint
DROP TRIGGER `participation_event_moved`;
--> statement-breakpoint
-- A rescheduled (or re-filed) event takes its attendance to its new periods, province, club or kind:
-- the rows of its old keys lose one, those of its new keys gain one.
CREATE TRIGGER `participation_event_moved` AFTER UPDATE OF `starts_at`, `province_code`, `club_code`, `kind` ON `events`
WHEN strftime('%Y-%m', OLD.`starts_at` / 1000, 'unixepoch', '+8 hours') <> strftime('%Y-%m', NEW.`starts_at` / 1000, 'unixepoch', '+8 hours')
	OR OLD.`province_code` <> NEW.`province_code` OR OLD.`club_code` <> NEW.`club_code` OR OLD.`kind` <> NEW.`kind`
BEGIN
	INSERT INTO `participation` (`period_key`, `club_code`, `province_code`, `customer_id`, `events_attended`)
	SELECT p.`period_key`,
		CASE s.`n` WHEN 1 THEN p.`club_code` WHEN 2 THEN '*' WHEN 3 THEN 'segment:' || r.`segment` WHEN 4 THEN 'channel:' || r.`channel` ELSE 'kind:' || p.`kind` END,
		p.`province_code`, r.`customer_id`, p.`sign`
	FROM `registrations` r
	JOIN (
		SELECT 'Y' || strftime('%Y', OLD.`starts_at` / 1000, 'unixepoch', '+8 hours') AS `period_key`, OLD.`province_code` AS `province_code`, OLD.`club_code` AS `club_code`, OLD.`kind` AS `kind`, -1 AS `sign`
		UNION ALL SELECT 'Q' || strftime('%Y', OLD.`starts_at` / 1000, 'unixepoch', '+8 hours') || '-' || ((CAST(strftime('%m', OLD.`starts_at` / 1000, 'unixepoch', '+8 hours') AS INTEGER) + 2) / 3), OLD.`province_code`, OLD.`club_code`, OLD.`kind`, -1
		UNION ALL SELECT 'M' || strftime('%Y-%m', OLD.`starts_at` / 1000, 'unixepoch', '+8 hours'), OLD.`province_code`, OLD.`club_code`, OLD.`kind`, -1
		UNION ALL SELECT 'Y' || strftime('%Y', NEW.`starts_at` / 1000, 'unixepoch', '+8 hours'), NEW.`province_code`, NEW.`club_code`, NEW.`kind`, 1
		UNION ALL SELECT 'Q' || strftime('%Y', NEW.`starts_at` / 1000, 'unixepoch', '+8 hours') || '-' || ((CAST(strftime('%m', NEW.`starts_at` / 1000, 'unixepoch', '+8 hours') AS INTEGER) + 2) / 3), NEW.`province_code`, NEW.`club_code`, NEW.`kind`, 1
		UNION ALL SELECT 'M' || strftime('%Y-%m', NEW.`starts_at` / 1000, 'unixepoch', '+8 hours'), NEW.`province_code`, NEW.`club_code`, NEW.`kind`, 1
	) p
	JOIN (SELECT 1 AS `n` UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5) s
	WHERE r.`event_id` = NEW.`id` AND r.`status` = 'attended'
	ON CONFLICT DO UPDATE SET `events_attended` = `events_attended` + excluded.`events_attended`;
END;
