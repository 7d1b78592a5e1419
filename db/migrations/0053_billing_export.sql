CREATE TABLE `billing_exports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cycle` text NOT NULL,
	`scope` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`line_count` integer NOT NULL,
	`sum_fen` integer NOT NULL,
	`sha256` text NOT NULL,
	`content` text NOT NULL,
	`created_by_staff_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`created_by_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "billing_exports_count" CHECK("billing_exports"."line_count" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `billing_exports_cycle_scope` ON `billing_exports` (`cycle`,`scope`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_charges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`registration_id` integer,
	`amount_fen` integer NOT NULL,
	`reverses_charge_id` integer,
	`description` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reverses_charge_id`) REFERENCES `charges`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "charges_amount" CHECK("__new_charges"."amount_fen" <> 0),
	CONSTRAINT "charges_reversal" CHECK("__new_charges"."reverses_charge_id" is null or "__new_charges"."amount_fen" < 0)
);
--> statement-breakpoint
INSERT INTO `__new_charges`("id", "customer_id", "registration_id", "amount_fen", "reverses_charge_id", "description", "created_at") SELECT "id", "customer_id", "registration_id", "amount_fen", NULL, "description", "created_at" FROM `charges`;--> statement-breakpoint
DROP TABLE `charges`;--> statement-breakpoint
ALTER TABLE `__new_charges` RENAME TO `charges`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `charges_reverses` ON `charges` (`reverses_charge_id`);--> statement-breakpoint
CREATE INDEX `charges_customer` ON `charges` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `charges_registration` ON `charges` (`registration_id`);--> statement-breakpoint
-- Refunds written before the link: each reverses the registration's fee, the positive line of the same registration.
UPDATE charges SET reverses_charge_id = (SELECT c.id FROM charges c WHERE c.registration_id = charges.registration_id AND c.amount_fen > 0 ORDER BY c.id LIMIT 1) WHERE amount_fen < 0 AND registration_id IS NOT NULL;
