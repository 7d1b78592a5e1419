-- events.seats_taken and events.waitlisted count an event's registrations (confirmed, attended,
-- no_show; waitlisted). Triggers keep them in the statement that changes a registration, and an
-- event may never hold more seats than its capacity.
UPDATE `events` SET
	`seats_taken` = (SELECT count(*) FROM `registrations` r WHERE r.`event_id` = `events`.`id` AND r.`status` IN ('confirmed', 'attended', 'no_show')),
	`waitlisted` = (SELECT count(*) FROM `registrations` r WHERE r.`event_id` = `events`.`id` AND r.`status` = 'waitlisted');
--> statement-breakpoint
CREATE TRIGGER `registrations_count_insert` AFTER INSERT ON `registrations`
BEGIN
	UPDATE `events` SET
		`seats_taken` = `seats_taken` + (NEW.`status` IN ('confirmed', 'attended', 'no_show')),
		`waitlisted` = `waitlisted` + (NEW.`status` = 'waitlisted')
	WHERE `id` = NEW.`event_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `registrations_count_update` AFTER UPDATE OF `status`, `event_id` ON `registrations`
BEGIN
	UPDATE `events` SET
		`seats_taken` = `seats_taken` - (OLD.`status` IN ('confirmed', 'attended', 'no_show')),
		`waitlisted` = `waitlisted` - (OLD.`status` = 'waitlisted')
	WHERE `id` = OLD.`event_id`;
	UPDATE `events` SET
		`seats_taken` = `seats_taken` + (NEW.`status` IN ('confirmed', 'attended', 'no_show')),
		`waitlisted` = `waitlisted` + (NEW.`status` = 'waitlisted')
	WHERE `id` = NEW.`event_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `registrations_count_delete` AFTER DELETE ON `registrations`
BEGIN
	UPDATE `events` SET
		`seats_taken` = `seats_taken` - (OLD.`status` IN ('confirmed', 'attended', 'no_show')),
		`waitlisted` = `waitlisted` - (OLD.`status` = 'waitlisted')
	WHERE `id` = OLD.`event_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `events_no_overbooking` BEFORE UPDATE OF `seats_taken`, `capacity` ON `events`
WHEN NEW.`seats_taken` > NEW.`capacity`
BEGIN
	SELECT RAISE(ABORT, 'an event cannot hold more seats than its capacity');
END;
