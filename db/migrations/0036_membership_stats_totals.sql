-- membership_stats rows with segment and join channel '*' (every segment and channel), per month
-- and in all ('*' month), kept by the same triggers: a view without a segment or channel adds up a
-- row per month, club and province.
INSERT INTO `membership_stats` (`month`, `club_code`, `province_code`, `segment`, `join_channel`, `joins`, `leaves`)
SELECT `month`, `club_code`, `province_code`, '*', '*', sum(`joins`), sum(`leaves`) FROM `membership_stats` GROUP BY 1, 2, 3;
--> statement-breakpoint
DROP TRIGGER `membership_stats_insert`;
--> statement-breakpoint
CREATE TRIGGER `membership_stats_insert` AFTER INSERT ON `memberships`
BEGIN
	INSERT INTO `membership_stats` (`month`, `club_code`, `province_code`, `segment`, `join_channel`, `joins`, `leaves`)
	SELECT CASE WHEN t.`total` THEN '*' ELSE strftime('%Y-%m', m.`at` / 1000, 'unixepoch', '+8 hours') END, NEW.`club_code`, NEW.`province_code`,
		CASE WHEN c.`coarse` THEN '*' ELSE coalesce(NEW.`segment`, '') END, CASE WHEN c.`coarse` THEN '*' ELSE NEW.`join_channel` END, m.`joins`, m.`leaves`
	FROM (SELECT NEW.`joined_at` AS `at`, 1 AS `joins`, 0 AS `leaves` UNION ALL SELECT NEW.`left_at`, 0, 1) m
	JOIN (SELECT 0 AS `total` UNION ALL SELECT 1) t
	JOIN (SELECT 0 AS `coarse` UNION ALL SELECT 1) c
	WHERE m.`at` IS NOT NULL
	ON CONFLICT DO UPDATE SET `joins` = `joins` + excluded.`joins`, `leaves` = `leaves` + excluded.`leaves`;
END;
--> statement-breakpoint
DROP TRIGGER `membership_stats_update`;
--> statement-breakpoint
CREATE TRIGGER `membership_stats_update` AFTER UPDATE OF `joined_at`, `left_at`, `club_code`, `province_code`, `segment`, `join_channel` ON `memberships`
BEGIN
	INSERT INTO `membership_stats` (`month`, `club_code`, `province_code`, `segment`, `join_channel`, `joins`, `leaves`)
	SELECT CASE WHEN t.`total` THEN '*' ELSE strftime('%Y-%m', m.`at` / 1000, 'unixepoch', '+8 hours') END, m.`club_code`, m.`province_code`,
		CASE WHEN c.`coarse` THEN '*' ELSE m.`segment` END, CASE WHEN c.`coarse` THEN '*' ELSE m.`join_channel` END, m.`joins`, m.`leaves`
	FROM (
		SELECT OLD.`joined_at` AS `at`, OLD.`club_code` AS `club_code`, OLD.`province_code` AS `province_code`, coalesce(OLD.`segment`, '') AS `segment`, OLD.`join_channel` AS `join_channel`, -1 AS `joins`, 0 AS `leaves`
		UNION ALL SELECT OLD.`left_at`, OLD.`club_code`, OLD.`province_code`, coalesce(OLD.`segment`, ''), OLD.`join_channel`, 0, -1
		UNION ALL SELECT NEW.`joined_at`, NEW.`club_code`, NEW.`province_code`, coalesce(NEW.`segment`, ''), NEW.`join_channel`, 1, 0
		UNION ALL SELECT NEW.`left_at`, NEW.`club_code`, NEW.`province_code`, coalesce(NEW.`segment`, ''), NEW.`join_channel`, 0, 1
	) m
	JOIN (SELECT 0 AS `total` UNION ALL SELECT 1) t
	JOIN (SELECT 0 AS `coarse` UNION ALL SELECT 1) c
	WHERE m.`at` IS NOT NULL
	ON CONFLICT DO UPDATE SET `joins` = `joins` + excluded.`joins`, `leaves` = `leaves` + excluded.`leaves`;
END;
--> statement-breakpoint
DROP TRIGGER `membership_stats_delete`;
--> statement-breakpoint
CREATE TRIGGER `membership_stats_delete` AFTER DELETE ON `memberships`
BEGIN
	INSERT INTO `membership_stats` (`month`, `club_code`, `province_code`, `segment`, `join_channel`, `joins`, `leaves`)
	SELECT CASE WHEN t.`total` THEN '*' ELSE strftime('%Y-%m', m.`at` / 1000, 'unixepoch', '+8 hours') END, OLD.`club_code`, OLD.`province_code`,
		CASE WHEN c.`coarse` THEN '*' ELSE coalesce(OLD.`segment`, '') END, CASE WHEN c.`coarse` THEN '*' ELSE OLD.`join_channel` END, m.`joins`, m.`leaves`
	FROM (SELECT OLD.`joined_at` AS `at`, -1 AS `joins`, 0 AS `leaves` UNION ALL SELECT OLD.`left_at`, 0, -1) m
	JOIN (SELECT 0 AS `total` UNION ALL SELECT 1) t
	JOIN (SELECT 0 AS `coarse` UNION ALL SELECT 1) c
	WHERE m.`at` IS NOT NULL
	ON CONFLICT DO UPDATE SET `joins` = `joins` + excluded.`joins`, `leaves` = `leaves` + excluded.`leaves`;
END;
