DROP INDEX `registrations_event_status`;--> statement-breakpoint
CREATE INDEX `registrations_event_status` ON `registrations` (`event_id`,`status`,`waitlist_rank`);