-- A third level of monthly_stats, kept by the same triggers: rows with club and kind '*' hold a
-- month's and province's figures per segment and channel across every club, so that the segment and
-- channel breakdown of a view with no club or kind reads one row per month, province, segment and
-- channel. Each event_stats change now lands in its cell, in its month's '*' total, and here.
INSERT INTO `monthly_stats` (`month`, `province_code`, `club_code`, `kind`, `segment`, `channel`, `registrations`, `attended`, `no_show`, `cancelled`, `waitlist_joins`, `points_paid`, `fen_paid`)
SELECT `month`, `province_code`, '*', '*', `segment`, `channel`, sum(`registrations`), sum(`attended`), sum(`no_show`), sum(`cancelled`), sum(`waitlist_joins`), sum(`points_paid`), sum(`fen_paid`)
FROM `monthly_stats` WHERE `segment` <> '*' GROUP BY 1, 2, 5, 6;
--> statement-breakpoint
DROP TRIGGER `monthly_stats_insert`;
--> statement-breakpoint
CREATE TRIGGER `monthly_stats_insert` AFTER INSERT ON `event_stats`
BEGIN
	INSERT INTO `monthly_stats` (`month`, `province_code`, `club_code`, `kind`, `segment`, `channel`, `registrations`, `attended`, `no_show`, `cancelled`, `waitlist_joins`, `points_paid`, `fen_paid`)
	SELECT strftime('%Y-%m', e.`starts_at` / 1000, 'unixepoch', '+8 hours'), e.`province_code`,
		CASE WHEN k.`all_clubs` THEN '*' ELSE e.`club_code` END, CASE WHEN k.`all_clubs` THEN '*' ELSE e.`kind` END, k.`segment`, k.`channel`,
		NEW.`registrations`, NEW.`attended`, NEW.`no_show`, NEW.`cancelled`, NEW.`waitlist_joins`, NEW.`points_paid`, NEW.`fen_paid`
	FROM `events` e JOIN (SELECT NEW.`segment` AS `segment`, NEW.`channel` AS `channel`, 0 AS `all_clubs` UNION ALL SELECT '*', '*', 0 UNION ALL SELECT NEW.`segment`, NEW.`channel`, 1) k
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
	SELECT strftime('%Y-%m', e.`starts_at` / 1000, 'unixepoch', '+8 hours'), e.`province_code`,
		CASE WHEN k.`all_clubs` THEN '*' ELSE e.`club_code` END, CASE WHEN k.`all_clubs` THEN '*' ELSE e.`kind` END, k.`segment`, k.`channel`,
		NEW.`registrations` - OLD.`registrations`, NEW.`attended` - OLD.`attended`, NEW.`no_show` - OLD.`no_show`, NEW.`cancelled` - OLD.`cancelled`,
		NEW.`waitlist_joins` - OLD.`waitlist_joins`, NEW.`points_paid` - OLD.`points_paid`, NEW.`fen_paid` - OLD.`fen_paid`
	FROM `events` e JOIN (SELECT NEW.`segment` AS `segment`, NEW.`channel` AS `channel`, 0 AS `all_clubs` UNION ALL SELECT '*', '*', 0 UNION ALL SELECT NEW.`segment`, NEW.`channel`, 1) k
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
	SELECT k.`month`, k.`province_code`, CASE WHEN t.`level` = 2 THEN '*' ELSE k.`club_code` END, CASE WHEN t.`level` = 2 THEN '*' ELSE k.`kind` END,
		CASE WHEN t.`level` = 1 THEN '*' ELSE s.`segment` END, CASE WHEN t.`level` = 1 THEN '*' ELSE s.`channel` END,
		k.`sign` * s.`registrations`, k.`sign` * s.`attended`, k.`sign` * s.`no_show`, k.`sign` * s.`cancelled`, k.`sign` * s.`waitlist_joins`, k.`sign` * s.`points_paid`, k.`sign` * s.`fen_paid`
	FROM `event_stats` s
	JOIN (
		SELECT strftime('%Y-%m', OLD.`starts_at` / 1000, 'unixepoch', '+8 hours') AS `month`, OLD.`province_code` AS `province_code`, OLD.`club_code` AS `club_code`, OLD.`kind` AS `kind`, -1 AS `sign`
		UNION ALL
		SELECT strftime('%Y-%m', NEW.`starts_at` / 1000, 'unixepoch', '+8 hours'), NEW.`province_code`, NEW.`club_code`, NEW.`kind`, 1
	) k
	JOIN (SELECT 0 AS `level` UNION ALL SELECT 1 UNION ALL SELECT 2) t
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
