CREATE TABLE `callbacks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`event_id` integer NOT NULL,
	`registration_id` integer NOT NULL,
	`province_code` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`opinion` text,
	`staff_id` integer,
	`created_at` integer NOT NULL,
	`completed_at` integer,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "callbacks_status" CHECK("callbacks"."status" in ('open', 'reached', 'not_reached'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `callbacks_registration` ON `callbacks` (`registration_id`);--> statement-breakpoint
CREATE INDEX `callbacks_queue` ON `callbacks` (`province_code`,`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `checkin_scans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`nonce` text NOT NULL,
	`event_id` integer NOT NULL,
	`registration_id` integer,
	`staff_id` integer,
	`device_id` text,
	`scanned_at` integer NOT NULL,
	`received_at` integer NOT NULL,
	`outcome` text NOT NULL,
	`detail` text,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "checkin_scans_outcome" CHECK("checkin_scans"."outcome" in ('checked_in', 'already_checked_in', 'conflict', 'refused'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `checkin_scans_nonce` ON `checkin_scans` (`nonce`);--> statement-breakpoint
CREATE INDEX `checkin_scans_event` ON `checkin_scans` (`event_id`,`received_at`);--> statement-breakpoint
CREATE TABLE `feedback` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`registration_id` integer NOT NULL,
	`event_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`rating` integer NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "feedback_rating" CHECK("feedback"."rating" between 1 and 5)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `feedback_registration` ON `feedback` (`registration_id`);--> statement-breakpoint
CREATE INDEX `feedback_event` ON `feedback` (`event_id`);