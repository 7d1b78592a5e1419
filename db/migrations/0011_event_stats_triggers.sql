-- event_stats holds the additive statistics of registrations per event, segment and channel.
-- Triggers keep it in the statement that changes a registration; a registration inserted without
-- its segment takes the customer's segment of the moment.
UPDATE `registrations` SET `segment` = (SELECT `segment` FROM `customers` c WHERE c.`id` = `registrations`.`customer_id`) WHERE `segment` IS NULL;
--> statement-breakpoint
INSERT INTO `event_stats` (`event_id`, `segment`, `channel`, `registrations`, `confirmed`, `attended`, `no_show`, `cancelled`, `waitlisted`, `waitlist_joins`, `points_paid`, `fen_paid`)
SELECT r.`event_id`, r.`segment`, r.`channel`, count(*),
	sum(r.`status` = 'confirmed'), sum(r.`status` = 'attended'), sum(r.`status` = 'no_show'), sum(r.`status` = 'cancelled'), sum(r.`status` = 'waitlisted'),
	sum(r.`status` = 'waitlisted' OR w.`ref_id` IS NOT NULL),
	sum(CASE WHEN r.`refunded_at` IS NULL THEN r.`paid_points` ELSE 0 END), sum(CASE WHEN r.`refunded_at` IS NULL THEN r.`paid_fen` ELSE 0 END)
FROM `registrations` r
LEFT JOIN (SELECT DISTINCT `ref_id` FROM `activities` WHERE `kind` = 'waitlisted' AND `ref_type` = 'registration') w ON w.`ref_id` = r.`id`
GROUP BY r.`event_id`, r.`segment`, r.`channel`;
--> statement-breakpoint
CREATE TRIGGER `event_stats_insert` AFTER INSERT ON `registrations`
BEGIN
	UPDATE `registrations` SET `segment` = (SELECT `segment` FROM `customers` WHERE `id` = NEW.`customer_id`) WHERE `id` = NEW.`id` AND NEW.`segment` IS NULL;
	INSERT INTO `event_stats` (`event_id`, `segment`, `channel`, `registrations`, `confirmed`, `attended`, `no_show`, `cancelled`, `waitlisted`, `waitlist_joins`, `points_paid`, `fen_paid`)
	VALUES (
		NEW.`event_id`, coalesce(NEW.`segment`, (SELECT `segment` FROM `customers` WHERE `id` = NEW.`customer_id`)), NEW.`channel`, 1,
		NEW.`status` = 'confirmed', NEW.`status` = 'attended', NEW.`status` = 'no_show', NEW.`status` = 'cancelled', NEW.`status` = 'waitlisted', NEW.`status` = 'waitlisted',
		CASE WHEN NEW.`refunded_at` IS NULL THEN NEW.`paid_points` ELSE 0 END, CASE WHEN NEW.`refunded_at` IS NULL THEN NEW.`paid_fen` ELSE 0 END
	)
	ON CONFLICT (`event_id`, `segment`, `channel`) DO UPDATE SET
		`registrations` = `registrations` + 1,
		`confirmed` = `confirmed` + excluded.`confirmed`,
		`attended` = `attended` + excluded.`attended`,
		`no_show` = `no_show` + excluded.`no_show`,
		`cancelled` = `cancelled` + excluded.`cancelled`,
		`waitlisted` = `waitlisted` + excluded.`waitlisted`,
		`waitlist_joins` = `waitlist_joins` + excluded.`waitlist_joins`,
		`points_paid` = `points_paid` + excluded.`points_paid`,
		`fen_paid` = `fen_paid` + excluded.`fen_paid`;
END;
--> statement-breakpoint
CREATE TRIGGER `event_stats_update` AFTER UPDATE OF `status`, `paid_points`, `paid_fen`, `refunded_at` ON `registrations`
BEGIN
	UPDATE `event_stats` SET
		`confirmed` = `confirmed` - (OLD.`status` = 'confirmed') + (NEW.`status` = 'confirmed'),
		`attended` = `attended` - (OLD.`status` = 'attended') + (NEW.`status` = 'attended'),
		`no_show` = `no_show` - (OLD.`status` = 'no_show') + (NEW.`status` = 'no_show'),
		`cancelled` = `cancelled` - (OLD.`status` = 'cancelled') + (NEW.`status` = 'cancelled'),
		`waitlisted` = `waitlisted` - (OLD.`status` = 'waitlisted') + (NEW.`status` = 'waitlisted'),
		`points_paid` = `points_paid` - (CASE WHEN OLD.`refunded_at` IS NULL THEN OLD.`paid_points` ELSE 0 END) + (CASE WHEN NEW.`refunded_at` IS NULL THEN NEW.`paid_points` ELSE 0 END),
		`fen_paid` = `fen_paid` - (CASE WHEN OLD.`refunded_at` IS NULL THEN OLD.`paid_fen` ELSE 0 END) + (CASE WHEN NEW.`refunded_at` IS NULL THEN NEW.`paid_fen` ELSE 0 END)
	WHERE `event_id` = NEW.`event_id` AND `segment` = NEW.`segment` AND `channel` = NEW.`channel`;
END;
