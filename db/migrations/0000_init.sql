CREATE TABLE `provinces` (
	`code` text PRIMARY KEY NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`time_zone` text DEFAULT 'Asia/Shanghai' NOT NULL,
	`sort_order` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `customers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mobile` text NOT NULL,
	`name` text NOT NULL,
	`segment` text NOT NULL,
	`province_code` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`points_balance` integer DEFAULT 0 NOT NULL,
	`prepaid_balance_fen` integer DEFAULT 0 NOT NULL,
	`password_hash` text,
	`created_at` integer NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "customers_segment" CHECK("customers"."segment" in ('prepaid', 'postpaid', 'postpaid_vip')),
	CONSTRAINT "customers_status" CHECK("customers"."status" in ('active', 'suspended', 'closed')),
	CONSTRAINT "customers_mobile" CHECK(length("customers"."mobile") = 11),
	CONSTRAINT "customers_points_nonnegative" CHECK("customers"."points_balance" >= 0),
	CONSTRAINT "customers_prepaid_nonnegative" CHECK("customers"."prepaid_balance_fen" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customers_mobile_unique` ON `customers` (`mobile`);--> statement-breakpoint
CREATE INDEX `customers_province_segment_status` ON `customers` (`province_code`,`segment`,`status`);--> statement-breakpoint
CREATE INDEX `customers_name` ON `customers` (`name`);--> statement-breakpoint
CREATE TABLE `staff` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`province_code` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "staff_role" CHECK("staff"."role" in ('admin', 'operator', 'analyst')),
	CONSTRAINT "staff_scope" CHECK(("staff"."role" = 'admin' and "staff"."province_code" is null) or ("staff"."role" = 'operator' and "staff"."province_code" is not null) or "staff"."role" = 'analyst')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_username_unique` ON `staff` (`username`);--> statement-breakpoint
CREATE TABLE `staff_clubs` (
	`staff_id` integer NOT NULL,
	`club_code` text NOT NULL,
	PRIMARY KEY(`staff_id`, `club_code`),
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "staff_clubs_club" CHECK("staff_clubs"."club_code" in ('music', 'film', 'gaming', 'handset'))
);
--> statement-breakpoint
CREATE TABLE `clubs` (
	`code` text PRIMARY KEY NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`description_zh` text NOT NULL,
	`description_en` text NOT NULL,
	`min_events_per_year` integer NOT NULL,
	`allowed_segments` text NOT NULL,
	`sort_order` integer NOT NULL,
	CONSTRAINT "clubs_code" CHECK("clubs"."code" in ('music', 'film', 'gaming', 'handset')),
	CONSTRAINT "clubs_min_events" CHECK("clubs"."min_events_per_year" >= 0)
);
--> statement-breakpoint
CREATE TABLE `memberships` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`club_code` text NOT NULL,
	`province_code` text NOT NULL,
	`joined_at` integer NOT NULL,
	`join_channel` text NOT NULL,
	`joined_by_staff_id` integer,
	`left_at` integer,
	`leave_channel` text,
	`left_by_staff_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`club_code`) REFERENCES `clubs`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`joined_by_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`left_by_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "memberships_join_channel" CHECK("memberships"."join_channel" in ('hall', 'hotline', 'online', 'sms', 'mobile', 'web')),
	CONSTRAINT "memberships_period" CHECK("memberships"."left_at" is null or "memberships"."left_at" >= "memberships"."joined_at")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `memberships_one_open` ON `memberships` (`customer_id`,`club_code`) WHERE "memberships"."left_at" is null;--> statement-breakpoint
CREATE INDEX `memberships_customer` ON `memberships` (`customer_id`,`joined_at`);--> statement-breakpoint
CREATE INDEX `memberships_club_joined` ON `memberships` (`club_code`,`joined_at`);--> statement-breakpoint
CREATE INDEX `memberships_club_province_joined` ON `memberships` (`club_code`,`province_code`,`joined_at`);--> statement-breakpoint
CREATE TABLE `event_series` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`club_code` text NOT NULL,
	`province_code` text NOT NULL,
	`rule` text NOT NULL,
	`created_by_staff_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`club_code`) REFERENCES `clubs`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`club_code` text NOT NULL,
	`province_code` text NOT NULL,
	`series_id` integer,
	`kind` text NOT NULL,
	`title_zh` text NOT NULL,
	`title_en` text,
	`description_zh` text DEFAULT '' NOT NULL,
	`description_en` text,
	`venue` text NOT NULL,
	`city` text,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`capacity` integer NOT NULL,
	`reg_opens_at` integer NOT NULL,
	`reg_closes_at` integer NOT NULL,
	`vip_opens_at` integer,
	`price_type` text DEFAULT 'free' NOT NULL,
	`price_fen` integer DEFAULT 0 NOT NULL,
	`price_points` integer DEFAULT 0 NOT NULL,
	`eligible_segments` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`created_by_staff_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer,
	`published_at` integer,
	`cancelled_at` integer,
	`completed_at` integer,
	FOREIGN KEY (`club_code`) REFERENCES `clubs`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`series_id`) REFERENCES `event_series`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "events_kind" CHECK("events"."kind" in ('music_fan_event', 'film_fan_exchange', 'film_premiere', 'gaming_tournament', 'handset_salon', 'handset_trial')),
	CONSTRAINT "events_status" CHECK("events"."status" in ('draft', 'published', 'completed', 'cancelled')),
	CONSTRAINT "events_price_type" CHECK("events"."price_type" in ('free', 'fee', 'points')),
	CONSTRAINT "events_times" CHECK("events"."ends_at" > "events"."starts_at" and "events"."reg_closes_at" <= "events"."starts_at" and "events"."reg_opens_at" < "events"."reg_closes_at"),
	CONSTRAINT "events_vip_window" CHECK("events"."vip_opens_at" is null or "events"."vip_opens_at" < "events"."reg_opens_at"),
	CONSTRAINT "events_capacity" CHECK("events"."capacity" >= 1),
	CONSTRAINT "events_price" CHECK(("events"."price_type" = 'free' and "events"."price_fen" = 0 and "events"."price_points" = 0) or ("events"."price_type" = 'fee' and "events"."price_fen" > 0 and "events"."price_points" = 0) or ("events"."price_type" = 'points' and "events"."price_points" > 0 and "events"."price_fen" = 0))
);
--> statement-breakpoint
CREATE INDEX `events_province_club_start` ON `events` (`province_code`,`club_code`,`starts_at`);--> statement-breakpoint
CREATE INDEX `events_start` ON `events` (`starts_at`);--> statement-breakpoint
CREATE TABLE `registrations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`status` text NOT NULL,
	`channel` text NOT NULL,
	`created_by_staff_id` integer,
	`paid_points` integer DEFAULT 0 NOT NULL,
	`paid_fen` integer DEFAULT 0 NOT NULL,
	`refunded_at` integer,
	`waitlist_rank` integer,
	`ticket_secret` text NOT NULL,
	`short_code` text NOT NULL,
	`created_at` integer NOT NULL,
	`confirmed_at` integer,
	`cancelled_at` integer,
	`checked_in_at` integer,
	`checked_in_by_staff_id` integer,
	`updated_at` integer,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checked_in_by_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "registrations_status" CHECK("registrations"."status" in ('confirmed', 'waitlisted', 'cancelled', 'attended', 'no_show')),
	CONSTRAINT "registrations_channel" CHECK("registrations"."channel" in ('hall', 'hotline', 'online', 'sms', 'mobile', 'web')),
	CONSTRAINT "registrations_paid" CHECK("registrations"."paid_points" >= 0 and "registrations"."paid_fen" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_ticketSecret_unique` ON `registrations` (`ticket_secret`);--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_one_live` ON `registrations` (`event_id`,`customer_id`) WHERE "registrations"."status" <> 'cancelled';--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_event_short_code` ON `registrations` (`event_id`,`short_code`);--> statement-breakpoint
CREATE INDEX `registrations_event_status` ON `registrations` (`event_id`,`status`);--> statement-breakpoint
CREATE INDEX `registrations_customer` ON `registrations` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `charges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`registration_id` integer,
	`amount_fen` integer NOT NULL,
	`description` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "charges_amount" CHECK("charges"."amount_fen" <> 0)
);
--> statement-breakpoint
CREATE INDEX `charges_customer` ON `charges` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `charges_registration` ON `charges` (`registration_id`);--> statement-breakpoint
CREATE TABLE `points_ledger` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`reason` text NOT NULL,
	`ref_type` text,
	`ref_id` integer,
	`note` text,
	`created_by_staff_id` integer,
	`created_at` integer NOT NULL,
	`delta` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "points_ledger_reason" CHECK("points_ledger"."reason" in ('grant', 'registration', 'refund', 'adjustment', 'import', 'service', 'topup')),
	CONSTRAINT "points_ledger_delta" CHECK("points_ledger"."delta" <> 0)
);
--> statement-breakpoint
CREATE INDEX `points_ledger_customer` ON `points_ledger` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `points_ledger_ref` ON `points_ledger` (`ref_type`,`ref_id`);--> statement-breakpoint
CREATE TABLE `prepaid_ledger` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`reason` text NOT NULL,
	`ref_type` text,
	`ref_id` integer,
	`note` text,
	`created_by_staff_id` integer,
	`created_at` integer NOT NULL,
	`delta_fen` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "prepaid_ledger_reason" CHECK("prepaid_ledger"."reason" in ('grant', 'registration', 'refund', 'adjustment', 'import', 'service', 'topup')),
	CONSTRAINT "prepaid_ledger_delta" CHECK("prepaid_ledger"."delta_fen" <> 0)
);
--> statement-breakpoint
CREATE INDEX `prepaid_ledger_customer` ON `prepaid_ledger` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `prepaid_ledger_ref` ON `prepaid_ledger` (`ref_type`,`ref_id`);--> statement-breakpoint
CREATE TABLE `activities` (
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
	CONSTRAINT "activities_kind" CHECK("activities"."kind" in ('joined', 'left', 'registered', 'waitlisted', 'promoted', 'cancelled', 'event_cancelled', 'attended', 'no_show', 'attendance_corrected', 'service_booked', 'service_done', 'service_cancelled', 'trial', 'loan', 'feedback', 'callback', 'imported', 'web_access'))
);
--> statement-breakpoint
CREATE INDEX `activities_customer_time` ON `activities` (`customer_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `activities_kind_time` ON `activities` (`kind`,`occurred_at`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`staff_id` integer,
	`api_token_id` integer,
	`action` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text,
	`before` text,
	`after` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_log_entity` ON `audit_log` (`entity_type`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_log_time` ON `audit_log` (`created_at`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer,
	`mobile` text NOT NULL,
	`channel` text NOT NULL,
	`template` text NOT NULL,
	`params` text,
	`body` text NOT NULL,
	`dedupe_key` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	`read_at` integer,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "outbox_channel" CHECK("outbox"."channel" in ('sms', 'inapp')),
	CONSTRAINT "outbox_status" CHECK("outbox"."status" in ('pending', 'sent', 'failed'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupeKey_unique` ON `outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_pending` ON `outbox` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `outbox_customer` ON `outbox` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `otp_codes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mobile` text NOT NULL,
	`code_hash` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`failed_attempts` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `otp_codes_mobile` ON `otp_codes` (`mobile`,`created_at`);--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`window_start` integer NOT NULL,
	`count` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `customer_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`staff_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`total_rows` integer NOT NULL,
	`created_count` integer NOT NULL,
	`updated_count` integer NOT NULL,
	`unchanged_count` integer NOT NULL,
	`error_count` integer NOT NULL,
	`errors` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
