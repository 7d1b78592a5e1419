ALTER TABLE `points_ledger` ADD `external_ref` text;--> statement-breakpoint
ALTER TABLE `points_ledger` ADD `occurred_at` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `points_ledger_external_ref` ON `points_ledger` (`external_ref`);--> statement-breakpoint
ALTER TABLE `prepaid_ledger` ADD `external_ref` text;--> statement-breakpoint
ALTER TABLE `prepaid_ledger` ADD `occurred_at` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `prepaid_ledger_external_ref` ON `prepaid_ledger` (`external_ref`);--> statement-breakpoint
ALTER TABLE `customer_imports` ADD `kind` text DEFAULT 'customers' NOT NULL;