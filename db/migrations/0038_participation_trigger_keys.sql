-- The participation triggers read their keys by the event (participation_keys WHERE event_id = …,
-- a few primary-key lookups) and build the segment, channel and kind slices from the row itself:
-- through participation_registration_keys, SQLite's planner materialized the club keys of every
-- event on each call (32 ms per check-in on the national dataset). The view stays for the backfill
-- and the consistency check, which read it whole.
DROP TRIGGER `participation_insert`;
--> statement-breakpoint
CREATE TRIGGER `participation_insert` AFTER INSERT ON `registrations`
WHEN NEW.`status` = 'attended'
BEGIN
	INSERT INTO `participation` (`period_key`, `club_code`, `province_code`, `customer_id`, `events_attended`)
	SELECT k.`period_key`, CASE s.`n` WHEN 0 THEN k.`club_code` WHEN 1 THEN 'segment:' || coalesce(NEW.`segment`, (SELECT `segment` FROM `customers` WHERE `id` = NEW.`customer_id`))
		WHEN 2 THEN 'channel:' || NEW.`channel` ELSE 'kind:' || (SELECT `kind` FROM `events` WHERE `id` = NEW.`event_id`) END,
		k.`province_code`, NEW.`customer_id`, 1
	FROM `participation_keys` k JOIN (SELECT 0 AS `n` UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) s ON s.`n` = 0 OR k.`club_code` = '*'
	WHERE k.`event_id` = NEW.`event_id`
	ON CONFLICT DO UPDATE SET `events_attended` = `events_attended` + 1;
END;
--> statement-breakpoint
DROP TRIGGER `participation_update`;
--> statement-breakpoint
CREATE TRIGGER `participation_update` AFTER UPDATE OF `status` ON `registrations`
WHEN (NEW.`status` = 'attended') <> (OLD.`status` = 'attended')
BEGIN
	INSERT INTO `participation` (`period_key`, `club_code`, `province_code`, `customer_id`, `events_attended`)
	SELECT k.`period_key`, CASE s.`n` WHEN 0 THEN k.`club_code` WHEN 1 THEN 'segment:' || NEW.`segment`
		WHEN 2 THEN 'channel:' || NEW.`channel` ELSE 'kind:' || (SELECT `kind` FROM `events` WHERE `id` = NEW.`event_id`) END,
		k.`province_code`, NEW.`customer_id`, CASE WHEN NEW.`status` = 'attended' THEN 1 ELSE -1 END
	FROM `participation_keys` k JOIN (SELECT 0 AS `n` UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) s ON s.`n` = 0 OR k.`club_code` = '*'
	WHERE k.`event_id` = NEW.`event_id`
	ON CONFLICT DO UPDATE SET `events_attended` = `events_attended` + excluded.`events_attended`;
END;
