CREATE TABLE `warranty_handsets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`imei` text NOT NULL,
	`model` text NOT NULL,
	`purchased_on` text NOT NULL,
	`warranty_ends_on` text NOT NULL,
	`province_code` text NOT NULL,
	`hall_id` integer NOT NULL,
	`customer_id` integer,
	`registered_by_staff_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`hall_id`) REFERENCES `halls`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`registered_by_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "warranty_handsets_imei_digits" CHECK(length("warranty_handsets"."imei") = 15),
	CONSTRAINT "warranty_handsets_dates" CHECK("warranty_handsets"."warranty_ends_on" >= "warranty_handsets"."purchased_on")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `warranty_handsets_imei` ON `warranty_handsets` (`imei`);--> statement-breakpoint
CREATE INDEX `warranty_handsets_customer` ON `warranty_handsets` (`customer_id`);--> statement-breakpoint
CREATE TABLE `warranty_repairs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`handset_id` integer NOT NULL,
	`hall_id` integer NOT NULL,
	`province_code` text NOT NULL,
	`staff_id` integer NOT NULL,
	`fault` text NOT NULL,
	`work` text NOT NULL,
	`parts` text DEFAULT '' NOT NULL,
	`in_warranty` integer NOT NULL,
	`fee_fen` integer DEFAULT 0 NOT NULL,
	`served_at` integer NOT NULL,
	`request_key` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`handset_id`) REFERENCES `warranty_handsets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`hall_id`) REFERENCES `halls`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "warranty_repairs_fee" CHECK("warranty_repairs"."fee_fen" >= 0 and ("warranty_repairs"."in_warranty" = false or "warranty_repairs"."fee_fen" = 0))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `warranty_repairs_request` ON `warranty_repairs` (`handset_id`,`request_key`);--> statement-breakpoint
CREATE INDEX `warranty_repairs_handset` ON `warranty_repairs` (`handset_id`,`served_at`);--> statement-breakpoint
CREATE INDEX `warranty_repairs_served` ON `warranty_repairs` (`served_at`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_activities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`kind` text NOT NULL,
	`club_code` text,
	`event_id` integer,
	`ref_type` text,
	`ref_id` integer,
	`channel` text,
	`staff_id` integer,
	`data` text,
	`occurred_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "activities_kind" CHECK("__new_activities"."kind" in ('joined', 'left', 'registered', 'waitlisted', 'promoted', 'cancelled', 'event_cancelled', 'attended', 'no_show', 'attendance_corrected', 'service_booked', 'service_done', 'service_cancelled', 'trial', 'loan', 'feedback', 'callback', 'imported', 'web_access', 'complaint', 'hall_visit', 'account_manager', 'warranty_repair'))
);
--> statement-breakpoint
INSERT INTO `__new_activities`("id", "customer_id", "kind", "club_code", "event_id", "ref_type", "ref_id", "channel", "staff_id", "data", "occurred_at", "created_at") SELECT "id", "customer_id", "kind", "club_code", "event_id", "ref_type", "ref_id", "channel", "staff_id", "data", "occurred_at", "created_at" FROM `activities`;--> statement-breakpoint
DROP TABLE `activities`;--> statement-breakpoint
ALTER TABLE `__new_activities` RENAME TO `activities`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `activities_customer_time` ON `activities` (`customer_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `activities_kind_time` ON `activities` (`kind`,`occurred_at`);