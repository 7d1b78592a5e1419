CREATE TABLE `complaint_steps` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`complaint_id` integer NOT NULL,
	`step` text NOT NULL,
	`staff_id` integer,
	`to_staff_id` integer,
	`note` text,
	`rating` integer,
	`at` integer NOT NULL,
	FOREIGN KEY (`complaint_id`) REFERENCES `complaints`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "complaint_steps_step" CHECK("complaint_steps"."step" in ('filed', 'taken', 'transferred', 'answered', 'escalated', 'confirmed', 'reopened', 'rated', 'closed'))
);
--> statement-breakpoint
CREATE INDEX `complaint_steps_complaint` ON `complaint_steps` (`complaint_id`,`at`);--> statement-breakpoint
-- Complaints answered before first-contact ownership were closed by the answer: they stay closed, owned by who answered; open ones get the default deadline of their segment.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_complaints` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`province_code` text NOT NULL,
	`kind` text DEFAULT 'complaint' NOT NULL,
	`segment` text NOT NULL,
	`topic` text NOT NULL,
	`body` text NOT NULL,
	`channel` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`owner_staff_id` integer,
	`deadline_at` integer,
	`escalated_at` integer,
	`reply` text,
	`first_answered_at` integer,
	`resolved_at` integer,
	`resolved_by_staff_id` integer,
	`confirm_by` integer,
	`reopen_count` integer DEFAULT 0 NOT NULL,
	`rating` integer,
	`closed_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "complaints_kind" CHECK("__new_complaints"."kind" in ('complaint', 'suggestion')),
	CONSTRAINT "complaints_topic" CHECK("__new_complaints"."topic" in ('event', 'handset_service', 'network', 'billing', 'other')),
	CONSTRAINT "complaints_status" CHECK("__new_complaints"."status" in ('open', 'in_progress', 'answered', 'closed')),
	CONSTRAINT "complaints_channel" CHECK("__new_complaints"."channel" in ('hall', 'hotline', 'online', 'sms', 'mobile', 'web')),
	CONSTRAINT "complaints_segment" CHECK("__new_complaints"."segment" in ('prepaid', 'postpaid', 'postpaid_vip')),
	CONSTRAINT "complaints_rating" CHECK("__new_complaints"."rating" is null or "__new_complaints"."rating" between 1 and 5)
);
--> statement-breakpoint
INSERT INTO `__new_complaints`("id", "customer_id", "province_code", "kind", "segment", "topic", "body", "channel", "status", "owner_staff_id", "deadline_at", "escalated_at", "reply", "first_answered_at", "resolved_at", "resolved_by_staff_id", "confirm_by", "reopen_count", "rating", "closed_at", "created_at") SELECT "id", "customer_id", "province_code", 'complaint', "segment", "topic", "body", "channel", CASE WHEN "status" = 'resolved' THEN 'closed' ELSE 'open' END, "resolved_by_staff_id", "created_at" + CASE WHEN "segment" = 'postpaid_vip' THEN 24 ELSE 48 END * 3600000, NULL, "reply", "resolved_at", "resolved_at", "resolved_by_staff_id", NULL, 0, NULL, "resolved_at", "created_at" FROM `complaints`;--> statement-breakpoint
DROP TABLE `complaints`;--> statement-breakpoint
ALTER TABLE `__new_complaints` RENAME TO `complaints`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `complaints_queue` ON `complaints` (`province_code`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `complaints_customer` ON `complaints` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `complaints_due` ON `complaints` (`status`,`deadline_at`);