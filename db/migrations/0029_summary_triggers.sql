-- Summary rows for the statistics pages, kept in the statement that changes their source:
-- monthly_stats and events.attendees from event_stats, participation_totals from participation,
-- membership_stats from memberships. Each is filled from its source first. event_months and
-- membership_months name the Beijing month (UTC+8 all year) of an event's start and of a
-- membership's join and leave, for the backfill and the consistency checks (db/consistency.ts).
CREATE VIEW `event_months` AS
SELECT `id` AS `event_id`, strftime('%Y-%m', `starts_at` / 1000, 'unixepoch', '+8 hours') AS `month` FROM `events`;
--> statement-breakpoint
CREATE VIEW `membership_months` AS
SELECT `id` AS `membership_id`, strftime('%Y-%m', `joined_at` / 1000, 'unixepoch', '+8 hours') AS `joined_month`,
	strftime('%Y-%m', `left_at` / 1000, 'unixepoch', '+8 hours') AS `left_month` FROM `memberships`;
--> statement-breakpoint
UPDATE `events` SET `attendees` = (SELECT coalesce(sum(`attended`), 0) FROM `event_stats` WHERE `event_id` = `events`.`id`);
--> statement-breakpoint
INSERT INTO `monthly_stats` (`month`, `province_code`, `club_code`, `kind`, `segment`, `channel`, `registrations`, `attended`, `no_show`, `cancelled`, `waitlist_joins`, `points_paid`, `fen_paid`)
SELECT m.`month`, e.`province_code`, e.`club_code`, e.`kind`, s.`segment`, s.`channel`,
	sum(s.`registrations`), sum(s.`attended`), sum(s.`no_show`), sum(s.`cancelled`), sum(s.`waitlist_joins`), sum(s.`points_paid`), sum(s.`fen_paid`)
FROM `event_stats` s JOIN `events` e ON e.`id` = s.`event_id` JOIN `event_months` m ON m.`event_id` = e.`id`
GROUP BY 1, 2, 3, 4, 5, 6;
--> statement-breakpoint
INSERT INTO `participation_totals` (`period_key`, `club_code`, `province_code`, `participants`, `repeaters`)
SELECT `period_key`, `club_code`, `province_code`, sum(`events_attended` >= 1), sum(`events_attended` >= 2)
FROM `participation` GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO `membership_stats` (`month`, `club_code`, `province_code`, `segment`, `join_channel`, `joins`, `leaves`)
SELECT `month`, `club_code`, `province_code`, `segment`, `join_channel`, sum(`joins`), sum(`leaves`) FROM (
	SELECT k.`joined_month` AS `month`, m.`club_code`, m.`province_code`, coalesce(m.`segment`, '') AS `segment`, m.`join_channel`, 1 AS `joins`, 0 AS `leaves`
	FROM `memberships` m JOIN `membership_months` k ON k.`membership_id` = m.`id`
	UNION ALL
	SELECT k.`left_month`, m.`club_code`, m.`province_code`, coalesce(m.`segment`, ''), m.`join_channel`, 0, 1
	FROM `memberships` m JOIN `membership_months` k ON k.`membership_id` = m.`id` WHERE m.`left_at` IS NOT NULL
) GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
CREATE TRIGGER `monthly_stats_insert` AFTER INSERT ON `event_stats`
BEGIN
	INSERT INTO `monthly_stats` (`month`, `province_code`, `club_code`, `kind`, `segment`, `channel`, `registrations`, `attended`, `no_show`, `cancelled`, `waitlist_joins`, `points_paid`, `fen_paid`)
	SELECT strftime('%Y-%m', e.`starts_at` / 1000, 'unixepoch', '+8 hours'), e.`province_code`, e.`club_code`, e.`kind`, NEW.`segment`, NEW.`channel`,
		NEW.`registrations`, NEW.`attended`, NEW.`no_show`, NEW.`cancelled`, NEW.`waitlist_joins`, NEW.`points_paid`, NEW.`fen_paid`
	FROM `events` e WHERE e.`id` = NEW.`event_id` AND true
	ON CONFLICT DO UPDATE SET
		`registrations` = `registrations` + excluded.`registrations`,
		`attended` = `attended` + excluded.`attended`,
		`no_show` = `no_show` + excluded.`no_show`,
		`cancelled` = `cancelled` + excluded.`cancelled`,
		`waitlist_joins` = `waitlist_joins` + excluded.`waitlist_joins`,
		`points_paid` = `points_paid` + excluded.`points_paid`,
		`fen_paid` = `fen_paid` + excluded.`fen_paid`;
	UPDATE `events` SET `attendees` = `attendees` + NEW.`attended` WHERE `id` = NEW.`event_id` AND NEW.`attended` <> 0;
END;
--> statement-breakpoint
CREATE TRIGGER `monthly_stats_update` AFTER UPDATE ON `event_stats`
BEGIN
	INSERT INTO `monthly_stats` (`month`, `province_code`, `club_code`, `kind`, `segment`, `channel`, `registrations`, `attended`, `no_show`, `cancelled`, `waitlist_joins`, `points_paid`, `fen_paid`)
	SELECT strftime('%Y-%m', e.`starts_at` / 1000, 'unixepoch', '+8 hours'), e.`province_code`, e.`club_code`, e.`kind`, NEW.`segment`, NEW.`channel`,
		NEW.`registrations` - OLD.`registrations`, NEW.`attended` - OLD.`attended`, NEW.`no_show` - OLD.`no_show`, NEW.`cancelled` - OLD.`cancelled`,
		NEW.`waitlist_joins` - OLD.`waitlist_joins`, NEW.`points_paid` - OLD.`points_paid`, NEW.`fen_paid` - OLD.`fen_paid`
	FROM `events` e WHERE e.`id` = NEW.`event_id` AND true
	ON CONFLICT DO UPDATE SET
		`registrations` = `registrations` + excluded.`registrations`,
		`attended` = `attended` + excluded.`attended`,
		`no_show` = `no_show` + excluded.`no_show`,
		`cancelled` = `cancelled` + excluded.`cancelled`,
		`waitlist_joins` = `waitlist_joins` + excluded.`waitlist_joins`,
		`points_paid` = `points_paid` + excluded.`points_paid`,
		`fen_paid` = `fen_paid` + excluded.`fen_paid`;
	UPDATE `events` SET `attendees` = `attendees` + NEW.`attended` - OLD.`attended` WHERE `id` = NEW.`event_id` AND NEW.`attended` <> OLD.`attended`;
END;
--> statement-breakpoint
-- A rescheduled (or re-filed) event takes its figures to its new month, province, club or kind.
CREATE TRIGGER `monthly_stats_event_moved` AFTER UPDATE OF `starts_at`, `province_code`, `club_code`, `kind` ON `events`
WHEN strftime('%Y-%m', OLD.`starts_at` / 1000, 'unixepoch', '+8 hours') <> strftime('%Y-%m', NEW.`starts_at` / 1000, 'unixepoch', '+8 hours')
	OR OLD.`province_code` <> NEW.`province_code` OR OLD.`club_code` <> NEW.`club_code` OR OLD.`kind` <> NEW.`kind`
BEGIN
	INSERT INTO `monthly_stats` (`month`, `province_code`, `club_code`, `kind`, `segment`, `channel`, `registrations`, `attended`, `no_show`, `cancelled`, `waitlist_joins`, `points_paid`, `fen_paid`)
	SELECT k.`month`, k.`province_code`, k.`club_code`, k.`kind`, s.`segment`, s.`channel`,
		k.`sign` * s.`registrations`, k.`sign` * s.`attended`, k.`sign` * s.`no_show`, k.`sign` * s.`cancelled`, k.`sign` * s.`waitlist_joins`, k.`sign` * s.`points_paid`, k.`sign` * s.`fen_paid`
	FROM `event_stats` s
	JOIN (
		SELECT strftime('%Y-%m', OLD.`starts_at` / 1000, 'unixepoch', '+8 hours') AS `month`, OLD.`province_code` AS `province_code`, OLD.`club_code` AS `club_code`, OLD.`kind` AS `kind`, -1 AS `sign`
		UNION ALL
		SELECT strftime('%Y-%m', NEW.`starts_at` / 1000, 'unixepoch', '+8 hours'), NEW.`province_code`, NEW.`club_code`, NEW.`kind`, 1
	) k
	WHERE s.`event_id` = NEW.`id`
	ON CONFLICT DO UPDATE SET
		`registrations` = `registrations` + excluded.`registrations`,
		`attended` = `attended` + excluded.`attended`,
		`no_show` = `no_show` + excluded.`no_show`,
		`cancelled` = `cancelled` + excluded.`cancelled`,
		`waitlist_joins` = `waitlist_joins` + excluded.`waitlist_joins`,
		`points_paid` = `points_paid` + excluded.`points_paid`,
		`fen_paid` = `fen_paid` + excluded.`fen_paid`;
END;
--> statement-breakpoint
CREATE TRIGGER `participation_totals_insert` AFTER INSERT ON `participation`
BEGIN
	INSERT INTO `participation_totals` (`period_key`, `club_code`, `province_code`, `participants`, `repeaters`)
	VALUES (NEW.`period_key`, NEW.`club_code`, NEW.`province_code`, NEW.`events_attended` >= 1, NEW.`events_attended` >= 2)
	ON CONFLICT DO UPDATE SET `participants` = `participants` + excluded.`participants`, `repeaters` = `repeaters` + excluded.`repeaters`;
END;
--> statement-breakpoint
CREATE TRIGGER `participation_totals_update` AFTER UPDATE OF `events_attended` ON `participation`
WHEN (NEW.`events_attended` >= 1) <> (OLD.`events_attended` >= 1) OR (NEW.`events_attended` >= 2) <> (OLD.`events_attended` >= 2)
BEGIN
	UPDATE `participation_totals` SET
		`participants` = `participants` + (NEW.`events_attended` >= 1) - (OLD.`events_attended` >= 1),
		`repeaters` = `repeaters` + (NEW.`events_attended` >= 2) - (OLD.`events_attended` >= 2)
	WHERE `period_key` = NEW.`period_key` AND `club_code` = NEW.`club_code` AND `province_code` = NEW.`province_code`;
END;
--> statement-breakpoint
CREATE TRIGGER `membership_stats_insert` AFTER INSERT ON `memberships`
BEGIN
	INSERT INTO `membership_stats` (`month`, `club_code`, `province_code`, `segment`, `join_channel`, `joins`, `leaves`)
	SELECT strftime('%Y-%m', `at` / 1000, 'unixepoch', '+8 hours'), NEW.`club_code`, NEW.`province_code`, coalesce(NEW.`segment`, ''), NEW.`join_channel`, `joins`, `leaves`
	FROM (SELECT NEW.`joined_at` AS `at`, 1 AS `joins`, 0 AS `leaves` UNION ALL SELECT NEW.`left_at`, 0, 1) WHERE `at` IS NOT NULL
	ON CONFLICT DO UPDATE SET `joins` = `joins` + excluded.`joins`, `leaves` = `leaves` + excluded.`leaves`;
END;
--> statement-breakpoint
CREATE TRIGGER `membership_stats_update` AFTER UPDATE OF `joined_at`, `left_at`, `club_code`, `province_code`, `segment`, `join_channel` ON `memberships`
BEGIN
	INSERT INTO `membership_stats` (`month`, `club_code`, `province_code`, `segment`, `join_channel`, `joins`, `leaves`)
	SELECT strftime('%Y-%m', `at` / 1000, 'unixepoch', '+8 hours'), `club_code`, `province_code`, `segment`, `join_channel`, `joins`, `leaves`
	FROM (
		SELECT OLD.`joined_at` AS `at`, OLD.`club_code` AS `club_code`, OLD.`province_code` AS `province_code`, coalesce(OLD.`segment`, '') AS `segment`, OLD.`join_channel` AS `join_channel`, -1 AS `joins`, 0 AS `leaves`
		UNION ALL SELECT OLD.`left_at`, OLD.`club_code`, OLD.`province_code`, coalesce(OLD.`segment`, ''), OLD.`join_channel`, 0, -1
		UNION ALL SELECT NEW.`joined_at`, NEW.`club_code`, NEW.`province_code`, coalesce(NEW.`segment`, ''), NEW.`join_channel`, 1, 0
		UNION ALL SELECT NEW.`left_at`, NEW.`club_code`, NEW.`province_code`, coalesce(NEW.`segment`, ''), NEW.`join_channel`, 0, 1
	) WHERE `at` IS NOT NULL
	ON CONFLICT DO UPDATE SET `joins` = `joins` + excluded.`joins`, `leaves` = `leaves` + excluded.`leaves`;
END;
--> statement-breakpoint
CREATE TRIGGER `membership_stats_delete` AFTER DELETE ON `memberships`
BEGIN
	INSERT INTO `membership_stats` (`month`, `club_code`, `province_code`, `segment`, `join_channel`, `joins`, `leaves`)
	SELECT strftime('%Y-%m', `at` / 1000, 'unixepoch', '+8 hours'), OLD.`club_code`, OLD.`province_code`, coalesce(OLD.`segment`, ''), OLD.`join_channel`, `joins`, `leaves`
	FROM (SELECT OLD.`joined_at` AS `at`, -1 AS `joins`, 0 AS `leaves` UNION ALL SELECT OLD.`left_at`, 0, -1) WHERE `at` IS NOT NULL
	ON CONFLICT DO UPDATE SET `joins` = `joins` + excluded.`joins`, `leaves` = `leaves` + excluded.`leaves`;
END;
--> statement-breakpoint
-- A rescheduled (or re-filed) event takes its attendance to its new periods, province or club.
CREATE TRIGGER `participation_event_moved` AFTER UPDATE OF `starts_at`, `province_code`, `club_code` ON `events`
WHEN strftime('%Y-%m', OLD.`starts_at` / 1000, 'unixepoch', '+8 hours') <> strftime('%Y-%m', NEW.`starts_at` / 1000, 'unixepoch', '+8 hours')
	OR OLD.`province_code` <> NEW.`province_code` OR OLD.`club_code` <> NEW.`club_code`
BEGIN
	INSERT INTO `participation` (`period_key`, `club_code`, `province_code`, `customer_id`, `events_attended`)
	SELECT p.`period_key`, CASE WHEN c.`any` THEN '*' ELSE p.`club_code` END, p.`province_code`, r.`customer_id`, p.`sign`
	FROM `registrations` r
	JOIN (
		SELECT 'Y' || strftime('%Y', OLD.`starts_at` / 1000, 'unixepoch', '+8 hours') AS `period_key`, OLD.`province_code` AS `province_code`, OLD.`club_code` AS `club_code`, -1 AS `sign`
		UNION ALL SELECT 'Q' || strftime('%Y', OLD.`starts_at` / 1000, 'unixepoch', '+8 hours') || '-' || ((CAST(strftime('%m', OLD.`starts_at` / 1000, 'unixepoch', '+8 hours') AS INTEGER) + 2) / 3), OLD.`province_code`, OLD.`club_code`, -1
		UNION ALL SELECT 'M' || strftime('%Y-%m', OLD.`starts_at` / 1000, 'unixepoch', '+8 hours'), OLD.`province_code`, OLD.`club_code`, -1
		UNION ALL SELECT 'Y' || strftime('%Y', NEW.`starts_at` / 1000, 'unixepoch', '+8 hours'), NEW.`province_code`, NEW.`club_code`, 1
		UNION ALL SELECT 'Q' || strftime('%Y', NEW.`starts_at` / 1000, 'unixepoch', '+8 hours') || '-' || ((CAST(strftime('%m', NEW.`starts_at` / 1000, 'unixepoch', '+8 hours') AS INTEGER) + 2) / 3), NEW.`province_code`, NEW.`club_code`, 1
		UNION ALL SELECT 'M' || strftime('%Y-%m', NEW.`starts_at` / 1000, 'unixepoch', '+8 hours'), NEW.`province_code`, NEW.`club_code`, 1
	) p
	JOIN (SELECT 0 AS `any` UNION ALL SELECT 1) c
	WHERE r.`event_id` = NEW.`id` AND r.`status` = 'attended'
	ON CONFLICT DO UPDATE SET `events_attended` = `events_attended` + excluded.`events_attended`;
END;
