CREATE TABLE `sms_parts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`smsc_message_id` text NOT NULL,
	`outbox_id` integer,
	`seq` integer,
	`submitted_at` integer,
	`outcome` text,
	`receipt_state` text,
	`receipt_at` integer,
	FOREIGN KEY (`outbox_id`) REFERENCES `outbox`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "sms_parts_outcome" CHECK("sms_parts"."outcome" in ('delivered', 'failed'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sms_parts_message` ON `sms_parts` (`smsc_message_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `sms_parts_segment` ON `sms_parts` (`outbox_id`,`seq`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer,
	`mobile` text NOT NULL,
	`channel` text NOT NULL,
	`template` text NOT NULL,
	`params` text,
	`body` text NOT NULL,
	`sealed` text,
	`dedupe_key` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`claimed_by` text,
	`claimed_until` integer,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	`read_at` integer,
	`segments` integer,
	`delivered_at` integer,
	`failure_reason` text,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "outbox_channel" CHECK("__new_outbox"."channel" in ('sms', 'inapp')),
	CONSTRAINT "outbox_status" CHECK("__new_outbox"."status" in ('pending', 'sent', 'delivered', 'failed'))
);
--> statement-breakpoint
INSERT INTO `__new_outbox`("id", "customer_id", "mobile", "channel", "template", "params", "body", "sealed", "dedupe_key", "status", "attempts", "claimed_by", "claimed_until", "created_at", "sent_at", "read_at") SELECT "id", "customer_id", "mobile", "channel", "template", "params", "body", "sealed", "dedupe_key", "status", "attempts", "claimed_by", "claimed_until", "created_at", "sent_at", "read_at" FROM `outbox`;--> statement-breakpoint
DROP TABLE `outbox`;--> statement-breakpoint
ALTER TABLE `__new_outbox` RENAME TO `outbox`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe` ON `outbox` (`dedupe_key`) WHERE "outbox"."dedupe_key" is not null;--> statement-breakpoint
CREATE INDEX `outbox_pending` ON `outbox` (`created_at`) WHERE "outbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX `outbox_customer` ON `outbox` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `outbox_sms` ON `outbox` (`created_at`) WHERE "outbox"."channel" = 'sms';