-- Totals beside the summaries' finest rows, kept by the same triggers, so that the commonest views
-- add up a few thousand rows: monthly_stats rows with segment and channel '*' (every segment and
-- channel of a month, province, club and kind), and membership_stats rows with month '*' (every
-- join and leave ever, per club, province, segment and channel: members active now, and at any
-- day as that total less the months after it).
INSERT INTO `monthly_stats` (`month`, `province_code`, `club_code`, `kind`, `segment`, `channel`, `registrations`, `attended`, `no_show`, `cancelled`, `waitlist_joins`, `points_paid`, `fen_paid`)
SELECT `month`, `province_code`, `club_code`, `kind`, '*', '*', sum(`registrations`), sum(`attended`), sum(`no_show`), sum(`cancelled`), sum(`waitlist_joins`), sum(`points_paid`), sum(`fen_paid`)
FROM `monthly_stats` GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
INSERT INTO `membership_stats` (`month`, `club_code`, `province_code`, `segment`, `join_channel`, `joins`, `leaves`)
SELECT '*', `club_code`, `province_code`, `segment`, `join_channel`, sum(`joins`), sum(`leaves`) FROM `membership_stats` GROUP BY 2, 3, 4, 5;
--> statement-breakpoint
DROP TRIGGER `monthly_stats_insert`;
--> statement-breakpoint
CREATE TRIGGER `monthly_stats_insert` AFTER INSERT ON `event_stats`
BEGIN
	INSERT INTO `monthly_stats` (`month`, `province_code`, `club_code`, `kind`, `segment`, `channel`, `registrations`, `attended`, `no_show`, `cancelled`, `waitlist_joins`, `points_paid`, `fen_paid`)
	SELECT strftime('%Y-%m', e.`starts_at` / 1000, 'unixepoch', '+8 hours'), e.`province_code`, e.`club_code`, e.`kind`, k.`segment`, k.`channel`,
		NEW.`registrations`, NEW.`attended`, NEW.`no_show`, NEW.`cancelled`, NEW.`waitlist_joins`, NEW.`points_paid`, NEW.`fen_paid`
	FROM `events` e JOIN (SELECT NEW.`segment` AS `segment`, NEW.`channel` AS `channel` UNION ALL SELECT '*', '*') k
	WHERE e.`id` = NEW.`event_id`
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
DROP TRIGGER `monthly_stats_update`;
--> statement-breakpoint
CREATE TRIGGER `monthly_stats_update` AFTER UPDATE ON `event_stats`
BEGIN
	INSERT INTO `monthly_stats` (`month`, `province_code`, `club_code`, `kind`, `segment`, `channel`, `registrations`, `attended`, `no_show`, `cancelled`, `waitlist_joins`, `points_paid`, `fen_paid`)
	SELECT strftime('%Y-%m', e.`starts_at` / 1000, 'unixepoch', '+8 hours'), e.`province_code`, e.`club_code`, e.`kind`, k.`segment`, k.`channel`,
		NEW.`registrations` - OLD.`registrations`, NEW.`attended` - OLD.`attended`, NEW.`no_show` - OLD.`no_show`, NEW.`cancelled` - OLD.`cancelled`,
		NEW.`waitlist_joins` - OLD.`waitlist_joins`, NEW.`points_paid` - OLD.`points_paid`, NEW.`fen_paid` - OLD.`fen_paid`
	FROM `events` e JOIN (SELECT NEW.`segment` AS `segment`, NEW.`channel` AS `channel` UNION ALL SELECT '*', '*') k
	WHERE e.`id` = NEW.`event_id`
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
DROP TRIGGER `monthly_stats_event_moved`;
--> statement-breakpoint
-- A rescheduled (or re-filed) event takes its figures to its new month, province, club or kind.
CREATE TRIGGER `monthly_stats_event_moved` AFTER UPDATE OF `starts_at`, `province_code`, `club_code`, `kind` ON `events`
WHEN strftime('%Y-%m', OLD.`starts_at` / 1000, 'unixepoch', '+8 hours') <> strftime('%Y-%m', NEW.`starts_at` / 1000, 'unixepoch', '+8 hours')
	OR OLD.`province_code` <> NEW.`province_code` OR OLD.`club_code` <> NEW.`club_code` OR OLD.`kind` <> NEW.`kind`
BEGIN
	INSERT INTO `monthly_stats` (`month`, `province_code`, `club_code`, `kind`, `segment`, `channel`, `registrations`, `attended`, `no_show`, `cancelled`, `waitlist_joins`, `points_paid`, `fen_paid`)
	SELECT k.`month`, k.`province_code`, k.`club_code`, k.`kind`, CASE WHEN t.`total` THEN '*' ELSE s.`segment` END, CASE WHEN t.`total` THEN '*' ELSE s.`channel` END,
		k.`sign` * s.`registrations`, k.`sign` * s.`attended`, k.`sign` * s.`no_show`, k.`sign` * s.`cancelled`, k.`sign` * s.`waitlist_joins`, k.`sign` * s.`points_paid`, k.`sign` * s.`fen_paid`
	FROM `event_stats` s
	JOIN (
		SELECT strftime('%Y-%m', OLD.`starts_at` / 1000, 'unixepoch', '+8 hours') AS `month`, OLD.`province_code` AS `province_code`, OLD.`club_code` AS `club_code`, OLD.`kind` AS `kind`, -1 AS `sign`
		UNION ALL
		SELECT strftime('%Y-%m', NEW.`starts_at` / 1000, 'unixepoch', '+8 hours'), NEW.`province_code`, NEW.`club_code`, NEW.`kind`, 1
	) k
	JOIN (SELECT 0 AS `total` UNION ALL SELECT 1) t
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
DROP TRIGGER `membership_stats_insert`;
--> statement-breakpoint
CREATE TRIGGER `membership_stats_insert` AFTER INSERT ON `memberships`
BEGIN
	INSERT INTO `membership_stats` (`month`, `club_code`, `province_code`, `segment`, `join_channel`, `joins`, `leaves`)
	SELECT CASE WHEN t.`total` THEN '*' ELSE strftime('%Y-%m', m.`at` / 1000, 'unixepoch', '+8 hours') END, NEW.`club_code`, NEW.`province_code`, coalesce(NEW.`segment`, ''), NEW.`join_channel`, m.`joins`, m.`leaves`
	FROM (SELECT NEW.`joined_at` AS `at`, 1 AS `joins`, 0 AS `leaves` UNION ALL SELECT NEW.`left_at`, 0, 1) m
	JOIN (SELECT 0 AS `total` UNION ALL SELECT 1) t
	WHERE m.`at` IS NOT NULL
	ON CONFLICT DO UPDATE SET `joins` = `joins` + excluded.`joins`, `leaves` = `leaves` + excluded.`leaves`;
END;
--> statement-breakpoint
DROP TRIGGER `membership_stats_update`;
--> statement-breakpoint
CREATE TRIGGER `membership_stats_update` AFTER UPDATE OF `joined_at`, `left_at`, `club_code`, `province_code`, `segment`, `join_channel` ON `memberships`
BEGIN
	INSERT INTO `membership_stats` (`month`, `club_code`, `province_code`, `segment`, `join_channel`, `joins`, `leaves`)
	SELECT CASE WHEN t.`total` THEN '*' ELSE strftime('%Y-%m', m.`at` / 1000, 'unixepoch', '+8 hours') END, m.`club_code`, m.`province_code`, m.`segment`, m.`join_channel`, m.`joins`, m.`leaves`
	FROM (
		SELECT OLD.`joined_at` AS `at`, OLD.`club_code` AS `club_code`, OLD.`province_code` AS `province_code`, coalesce(OLD.`segment`, '') AS `segment`, OLD.`join_channel` AS `join_channel`, -1 AS `joins`, 0 AS `leaves`
		UNION ALL SELECT OLD.`left_at`, OLD.`club_code`, OLD.`province_code`, coalesce(OLD.`segment`, ''), OLD.`join_channel`, 0, -1
		UNION ALL SELECT NEW.`joined_at`, NEW.`club_code`, NEW.`province_code`, coalesce(NEW.`segment`, ''), NEW.`join_channel`, 1, 0
		UNION ALL SELECT NEW.`left_at`, NEW.`club_code`, NEW.`province_code`, coalesce(NEW.`segment`, ''), NEW.`join_channel`, 0, 1
	) m
	JOIN (SELECT 0 AS `total` UNION ALL SELECT 1) t
	WHERE m.`at` IS NOT NULL
	ON CONFLICT DO UPDATE SET `joins` = `joins` + excluded.`joins`, `leaves` = `leaves` + excluded.`leaves`;
END;
--> statement-breakpoint
DROP TRIGGER `membership_stats_delete`;
--> statement-breakpoint
CREATE TRIGGER `membership_stats_delete` AFTER DELETE ON `memberships`
BEGIN
	INSERT INTO `membership_stats` (`month`, `club_code`, `province_code`, `segment`, `join_channel`, `joins`, `leaves`)
	SELECT CASE WHEN t.`total` THEN '*' ELSE strftime('%Y-%m', m.`at` / 1000, 'unixepoch', '+8 hours') END, OLD.`club_code`, OLD.`province_code`, coalesce(OLD.`segment`, ''), OLD.`join_channel`, m.`joins`, m.`leaves`
	FROM (SELECT OLD.`joined_at` AS `at`, -1 AS `joins`, 0 AS `leaves` UNION ALL SELECT OLD.`left_at`, 0, -1) m
	JOIN (SELECT 0 AS `total` UNION ALL SELECT 1) t
	WHERE m.`at` IS NOT NULL
	ON CONFLICT DO UPDATE SET `joins` = `joins` + excluded.`joins`, `leaves` = `leaves` + excluded.`leaves`;
END;
