CREATE TABLE `complaints` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`province_code` text NOT NULL,
	`segment` text NOT NULL,
	`topic` text NOT NULL,
	`body` text NOT NULL,
	`channel` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`reply` text,
	`resolved_at` integer,
	`resolved_by_staff_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "complaints_topic" CHECK("complaints"."topic" in ('event', 'handset_service', 'network', 'billing', 'other')),
	CONSTRAINT "complaints_status" CHECK("complaints"."status" in ('open', 'resolved')),
	CONSTRAINT "complaints_channel" CHECK("complaints"."channel" in ('hall', 'hotline', 'online', 'sms', 'mobile', 'web')),
	CONSTRAINT "complaints_segment" CHECK("complaints"."segment" in ('prepaid', 'postpaid', 'postpaid_vip'))
);
--> statement-breakpoint
CREATE INDEX `complaints_queue` ON `complaints` (`province_code`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `complaints_customer` ON `complaints` (`customer_id`,`created_at`);--> statement-breakpoint
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
	CONSTRAINT "activities_kind" CHECK("__new_activities"."kind" in ('joined', 'left', 'registered', 'waitlisted', 'promoted', 'cancelled', 'event_cancelled', 'attended', 'no_show', 'attendance_corrected', 'service_booked', 'service_done', 'service_cancelled', 'trial', 'loan', 'feedback', 'callback', 'imported', 'web_access', 'complaint'))
);
--> statement-breakpoint
INSERT INTO `__new_activities`("id", "customer_id", "kind", "club_code", "event_id", "ref_type", "ref_id", "channel", "staff_id", "data", "occurred_at", "created_at") SELECT "id", "customer_id", "kind", "club_code", "event_id", "ref_type", "ref_id", "channel", "staff_id", "data", "occurred_at", "created_at" FROM `activities`;--> statement-breakpoint
DROP TABLE `activities`;--> statement-breakpoint
ALTER TABLE `__new_activities` RENAME TO `activities`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `activities_customer_time` ON `activities` (`customer_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `activities_kind_time` ON `activities` (`kind`,`occurred_at`);