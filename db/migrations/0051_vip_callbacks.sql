PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_staff` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`password_hash` text NOT NULL,
	`password_changed_at` integer,
	`role` text NOT NULL,
	`province_code` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "staff_role" CHECK("__new_staff"."role" in ('admin', 'operator', 'analyst', 'account_manager')),
	CONSTRAINT "staff_scope" CHECK(("__new_staff"."role" = 'admin' and "__new_staff"."province_code" is null) or ("__new_staff"."role" in ('operator', 'account_manager') and "__new_staff"."province_code" is not null) or "__new_staff"."role" = 'analyst')
);
--> statement-breakpoint
INSERT INTO `__new_staff`("id", "username", "display_name", "password_hash", "password_changed_at", "role", "province_code", "active", "created_at") SELECT "id", "username", "display_name", "password_hash", "password_changed_at", "role", "province_code", "active", "created_at" FROM `staff`;--> statement-breakpoint
DROP TABLE `staff`;--> statement-breakpoint
ALTER TABLE `__new_staff` RENAME TO `staff`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `staff_username_unique` ON `staff` (`username`);--> statement-breakpoint
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
	CONSTRAINT "activities_kind" CHECK("__new_activities"."kind" in ('joined', 'left', 'registered', 'waitlisted', 'promoted', 'cancelled', 'event_cancelled', 'attended', 'no_show', 'attendance_corrected', 'service_booked', 'service_done', 'service_cancelled', 'trial', 'loan', 'feedback', 'callback', 'imported', 'web_access', 'complaint', 'hall_visit', 'account_manager'))
);
--> statement-breakpoint
INSERT INTO `__new_activities`("id", "customer_id", "kind", "club_code", "event_id", "ref_type", "ref_id", "channel", "staff_id", "data", "occurred_at", "created_at") SELECT "id", "customer_id", "kind", "club_code", "event_id", "ref_type", "ref_id", "channel", "staff_id", "data", "occurred_at", "created_at" FROM `activities`;--> statement-breakpoint
DROP TABLE `activities`;--> statement-breakpoint
ALTER TABLE `__new_activities` RENAME TO `activities`;--> statement-breakpoint
CREATE INDEX `activities_customer_time` ON `activities` (`customer_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `activities_kind_time` ON `activities` (`kind`,`occurred_at`);--> statement-breakpoint
CREATE TABLE `__new_callbacks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text DEFAULT 'event' NOT NULL,
	`customer_id` integer NOT NULL,
	`event_id` integer,
	`registration_id` integer,
	`period_start` integer,
	`province_code` text NOT NULL,
	`due_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`assigned_staff_id` integer,
	`status` text DEFAULT 'open' NOT NULL,
	`opinion` text,
	`staff_id` integer,
	`created_at` integer NOT NULL,
	`completed_at` integer,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "callbacks_status" CHECK("__new_callbacks"."status" in ('open', 'reached', 'not_reached', 'declined')),
	CONSTRAINT "callbacks_kind" CHECK("__new_callbacks"."kind" in ('event', 'periodic')),
	CONSTRAINT "callbacks_kind_columns" CHECK(("__new_callbacks"."kind" = 'event' and "__new_callbacks"."registration_id" is not null) or ("__new_callbacks"."kind" = 'periodic' and "__new_callbacks"."period_start" is not null))
);
--> statement-breakpoint
INSERT INTO `__new_callbacks`("id", "kind", "customer_id", "event_id", "registration_id", "period_start", "province_code", "due_at", "attempts", "next_attempt_at", "assigned_staff_id", "status", "opinion", "staff_id", "created_at", "completed_at") SELECT "id", 'event', "customer_id", "event_id", "registration_id", NULL, "province_code", "created_at", CASE WHEN "status" = 'open' THEN 0 ELSE 1 END, NULL, NULL, "status", "opinion", "staff_id", "created_at", "completed_at" FROM `callbacks`;--> statement-breakpoint
DROP TABLE `callbacks`;--> statement-breakpoint
ALTER TABLE `__new_callbacks` RENAME TO `callbacks`;--> statement-breakpoint
CREATE UNIQUE INDEX `callbacks_registration` ON `callbacks` (`registration_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `callbacks_customer_period` ON `callbacks` (`customer_id`,`period_start`);--> statement-breakpoint
CREATE INDEX `callbacks_queue` ON `callbacks` (`province_code`,`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `callbacks_assigned` ON `callbacks` (`assigned_staff_id`,`status`);--> statement-breakpoint
ALTER TABLE `customers` ADD `account_manager_id` integer REFERENCES staff(id);--> statement-breakpoint
CREATE INDEX `customers_account_manager` ON `customers` (`account_manager_id`);