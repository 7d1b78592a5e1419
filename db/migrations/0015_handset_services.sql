CREATE TABLE `loaner_loans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`loaner_id` integer NOT NULL,
	`booking_id` integer,
	`customer_id` integer NOT NULL,
	`lent_at` integer NOT NULL,
	`due_at` integer NOT NULL,
	`returned_at` integer,
	`condition_on_return` text,
	`staff_id` integer,
	FOREIGN KEY (`loaner_id`) REFERENCES `loaner_phones`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`booking_id`) REFERENCES `service_bookings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `loaner_loans_open` ON `loaner_loans` (`loaner_id`) WHERE "loaner_loans"."returned_at" is null;--> statement-breakpoint
CREATE INDEX `loaner_loans_due` ON `loaner_loans` (`returned_at`,`due_at`);--> statement-breakpoint
CREATE TABLE `loaner_phones` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`province_code` text NOT NULL,
	`hall` text NOT NULL,
	`model` text NOT NULL,
	`imei` text NOT NULL,
	`condition` text DEFAULT '良好' NOT NULL,
	`status` text DEFAULT 'available' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "loaner_phones_status" CHECK("loaner_phones"."status" in ('available', 'lent', 'retired'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `loaner_phones_imei` ON `loaner_phones` (`imei`);--> statement-breakpoint
CREATE INDEX `loaner_phones_hall` ON `loaner_phones` (`province_code`,`hall`);--> statement-breakpoint
CREATE TABLE `service_bookings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`service_id` integer NOT NULL,
	`slot_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`status` text DEFAULT 'requested' NOT NULL,
	`address` text,
	`description` text DEFAULT '' NOT NULL,
	`points_paid` integer DEFAULT 0 NOT NULL,
	`refunded_at` integer,
	`notes` text,
	`created_by_staff_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`slot_id`) REFERENCES `service_slots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "service_bookings_status" CHECK("service_bookings"."status" in ('requested', 'confirmed', 'in_progress', 'done', 'cancelled'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `service_bookings_one_live` ON `service_bookings` (`slot_id`,`customer_id`) WHERE "service_bookings"."status" <> 'cancelled';--> statement-breakpoint
CREATE INDEX `service_bookings_customer` ON `service_bookings` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `service_bookings_slot` ON `service_bookings` (`slot_id`,`status`);--> statement-breakpoint
CREATE TABLE `service_slots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`service_id` integer NOT NULL,
	`place` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`opens_at` integer NOT NULL,
	`capacity` integer NOT NULL,
	`booked` integer DEFAULT 0 NOT NULL,
	`created_by_staff_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "service_slots_times" CHECK("service_slots"."ends_at" > "service_slots"."starts_at" and "service_slots"."opens_at" < "service_slots"."starts_at"),
	CONSTRAINT "service_slots_capacity" CHECK("service_slots"."capacity" >= 1 and "service_slots"."booked" >= 0 and "service_slots"."booked" <= "service_slots"."capacity")
);
--> statement-breakpoint
CREATE INDEX `service_slots_service_start` ON `service_slots` (`service_id`,`starts_at`);--> statement-breakpoint
CREATE TABLE `services` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`province_code` text NOT NULL,
	`kind` text NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text,
	`description_zh` text DEFAULT '' NOT NULL,
	`description_en` text,
	`eligible_segments` text NOT NULL,
	`vip_priority_hours` integer DEFAULT 0 NOT NULL,
	`price_points` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "services_kind" CHECK("services"."kind" in ('handset_trial', 'service_trial', 'warranty', 'booked_repair', 'onsite_repair', 'cleaning', 'loaner')),
	CONSTRAINT "services_price" CHECK("services"."price_points" >= 0 and "services"."vip_priority_hours" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `services_province_kind` ON `services` (`province_code`,`kind`);--> statement-breakpoint
CREATE TABLE `trial_applications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`status` text DEFAULT 'applied' NOT NULL,
	`vip` integer NOT NULL,
	`applied_at` integer NOT NULL,
	`handed_over_at` integer,
	`due_at` integer,
	`returned_at` integer,
	`staff_id` integer,
	FOREIGN KEY (`programme_id`) REFERENCES `trial_programmes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "trial_applications_status" CHECK("trial_applications"."status" in ('applied', 'selected', 'handed_over', 'returned', 'declined', 'withdrawn'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `trial_applications_one` ON `trial_applications` (`programme_id`,`customer_id`) WHERE "trial_applications"."status" <> 'withdrawn';--> statement-breakpoint
CREATE INDEX `trial_applications_programme` ON `trial_applications` (`programme_id`,`status`);--> statement-breakpoint
CREATE TABLE `trial_programmes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`service_id` integer NOT NULL,
	`title_zh` text NOT NULL,
	`title_en` text,
	`units` integer NOT NULL,
	`vip_opens_at` integer NOT NULL,
	`opens_at` integer NOT NULL,
	`closes_at` integer NOT NULL,
	`loan_days` integer NOT NULL,
	`created_by_staff_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "trial_programmes_window" CHECK("trial_programmes"."vip_opens_at" <= "trial_programmes"."opens_at" and "trial_programmes"."opens_at" < "trial_programmes"."closes_at" and "trial_programmes"."units" >= 1 and "trial_programmes"."loan_days" >= 1)
);
