DROP INDEX `registrations_event_status`;--> statement-breakpoint
CREATE INDEX `registrations_waitlist` ON `registrations` (`event_id`,`waitlist_rank`) WHERE "registrations"."status" = 'waitlisted';--> statement-breakpoint
CREATE INDEX `registrations_event_status` ON `registrations` (`event_id`,`status`,`segment`,`channel`,`customer_id`);