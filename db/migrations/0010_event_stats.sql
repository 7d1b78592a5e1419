CREATE TABLE `event_stats` (
	`event_id` integer NOT NULL,
	`segment` text NOT NULL,
	`channel` text NOT NULL,
	`registrations` integer DEFAULT 0 NOT NULL,
	`confirmed` integer DEFAULT 0 NOT NULL,
	`attended` integer DEFAULT 0 NOT NULL,
	`no_show` integer DEFAULT 0 NOT NULL,
	`cancelled` integer DEFAULT 0 NOT NULL,
	`waitlisted` integer DEFAULT 0 NOT NULL,
	`waitlist_joins` integer DEFAULT 0 NOT NULL,
	`points_paid` integer DEFAULT 0 NOT NULL,
	`fen_paid` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`event_id`, `segment`, `channel`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `registrations` ADD `segment` text;