ALTER TABLE `events` ADD `seats_taken` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `events` ADD `waitlisted` integer DEFAULT 0 NOT NULL;