ALTER TABLE `customers` ADD `password_changed_at` integer;--> statement-breakpoint
ALTER TABLE `staff` ADD `password_changed_at` integer;