CREATE TABLE `hall_visits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`hall_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`segment` text NOT NULL,
	`purpose` text NOT NULL,
	`arrival` text NOT NULL,
	`booking_id` integer,
	`status` text DEFAULT 'waiting' NOT NULL,
	`day` text NOT NULL,
	`arrived_at` integer NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	`checked_in_by_staff_id` integer,
	`served_by_staff_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`hall_id`) REFERENCES `halls`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`booking_id`) REFERENCES `service_bookings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checked_in_by_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`served_by_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "hall_visits_purpose" CHECK("hall_visits"."purpose" in ('service_booking', 'enquiry', 'bill_topup', 'sim_number', 'complaint', 'other')),
	CONSTRAINT "hall_visits_arrival" CHECK("hall_visits"."arrival" in ('staff', 'booking', 'scan')),
	CONSTRAINT "hall_visits_status" CHECK("hall_visits"."status" in ('waiting', 'serving', 'done')),
	CONSTRAINT "hall_visits_steps" CHECK(("hall_visits"."status" = 'waiting' and "hall_visits"."started_at" is null and "hall_visits"."finished_at" is null)
        or ("hall_visits"."status" = 'serving' and "hall_visits"."started_at" is not null and "hall_visits"."started_at" >= "hall_visits"."arrived_at" and "hall_visits"."finished_at" is null)
        or ("hall_visits"."status" = 'done' and "hall_visits"."started_at" is not null and "hall_visits"."started_at" >= "hall_visits"."arrived_at" and "hall_visits"."finished_at" is not null and "hall_visits"."finished_at" >= "hall_visits"."started_at")),
	CONSTRAINT "hall_visits_booking" CHECK(("hall_visits"."arrival" = 'booking') = ("hall_visits"."booking_id" is not null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `hall_visits_one_open` ON `hall_visits` (`hall_id`,`customer_id`,`day`) WHERE "hall_visits"."status" <> 'done';--> statement-breakpoint
CREATE INDEX `hall_visits_queue` ON `hall_visits` (`hall_id`,`day`,`status`);--> statement-breakpoint
CREATE INDEX `hall_visits_arrived` ON `hall_visits` (`arrived_at`);--> statement-breakpoint
CREATE INDEX `hall_visits_customer` ON `hall_visits` (`customer_id`,`arrived_at`);--> statement-breakpoint
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
	CONSTRAINT "activities_kind" CHECK("__new_activities"."kind" in ('joined', 'left', 'registered', 'waitlisted', 'promoted', 'cancelled', 'event_cancelled', 'attended', 'no_show', 'attendance_corrected', 'service_booked', 'service_done', 'service_cancelled', 'trial', 'loan', 'feedback', 'callback', 'imported', 'web_access', 'complaint', 'hall_visit'))
);
--> statement-breakpoint
INSERT INTO `__new_activities`("id", "customer_id", "kind", "club_code", "event_id", "ref_type", "ref_id", "channel", "staff_id", "data", "occurred_at", "created_at") SELECT "id", "customer_id", "kind", "club_code", "event_id", "ref_type", "ref_id", "channel", "staff_id", "data", "occurred_at", "created_at" FROM `activities`;--> statement-breakpoint
DROP TABLE `activities`;--> statement-breakpoint
ALTER TABLE `__new_activities` RENAME TO `activities`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `activities_customer_time` ON `activities` (`customer_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `activities_kind_time` ON `activities` (`kind`,`occurred_at`);