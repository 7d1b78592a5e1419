CREATE TABLE `opening_reminders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `opening_reminders_one` ON `opening_reminders` (`event_id`,`customer_id`);--> statement-breakpoint
CREATE INDEX `opening_reminders_pending` ON `opening_reminders` (`event_id`) WHERE "opening_reminders"."sent_at" is null;