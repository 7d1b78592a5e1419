-- participation: per period (year, quarter, month in Beijing time), club ('*' for any) and
-- province, each customer who attended, with how many events. Triggers keep it as registrations
-- become (or stop being) attended.
CREATE VIEW `participation_keys` AS
SELECT e.`id` AS `event_id`, e.`province_code`, p.`period_key`, c.`club_code`
FROM `events` e
JOIN (
	SELECT `id`, 'Y' || strftime('%Y', `starts_at` / 1000, 'unixepoch', '+8 hours') AS `period_key` FROM `events`
	UNION ALL SELECT `id`, 'Q' || strftime('%Y', `starts_at` / 1000, 'unixepoch', '+8 hours') || '-' || ((CAST(strftime('%m', `starts_at` / 1000, 'unixepoch', '+8 hours') AS INTEGER) + 2) / 3) FROM `events`
	UNION ALL SELECT `id`, 'M' || strftime('%Y-%m', `starts_at` / 1000, 'unixepoch', '+8 hours') FROM `events`
) p ON p.`id` = e.`id`
JOIN (SELECT `id`, `club_code` FROM `events` UNION ALL SELECT `id`, '*' FROM `events`) c ON c.`id` = e.`id`;
--> statement-breakpoint
INSERT INTO `participation` (`period_key`, `club_code`, `province_code`, `customer_id`, `events_attended`)
SELECT k.`period_key`, k.`club_code`, k.`province_code`, r.`customer_id`, count(*)
FROM `registrations` r JOIN `participation_keys` k ON k.`event_id` = r.`event_id`
WHERE r.`status` = 'attended'
GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
CREATE TRIGGER `participation_insert` AFTER INSERT ON `registrations`
WHEN NEW.`status` = 'attended'
BEGIN
	INSERT INTO `participation` (`period_key`, `club_code`, `province_code`, `customer_id`, `events_attended`)
	SELECT `period_key`, `club_code`, `province_code`, NEW.`customer_id`, 1 FROM `participation_keys` WHERE `event_id` = NEW.`event_id` AND true
	ON CONFLICT DO UPDATE SET `events_attended` = `events_attended` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `participation_update` AFTER UPDATE OF `status` ON `registrations`
WHEN (NEW.`status` = 'attended') <> (OLD.`status` = 'attended')
BEGIN
	INSERT INTO `participation` (`period_key`, `club_code`, `province_code`, `customer_id`, `events_attended`)
	SELECT `period_key`, `club_code`, `province_code`, NEW.`customer_id`, CASE WHEN NEW.`status` = 'attended' THEN 1 ELSE -1 END
	FROM `participation_keys` WHERE `event_id` = NEW.`event_id` AND true
	ON CONFLICT DO UPDATE SET `events_attended` = `events_attended` + excluded.`events_attended`;
END;
