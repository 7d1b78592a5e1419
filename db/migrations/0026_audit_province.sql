DROP INDEX `audit_log_entity`;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `province_code` text REFERENCES provinces(code);--> statement-breakpoint
CREATE INDEX `audit_log_staff_time` ON `audit_log` (`staff_id`,`created_at`) WHERE "audit_log"."staff_id" is not null;--> statement-breakpoint
CREATE INDEX `audit_log_action_time` ON `audit_log` (`action`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_log_type_time` ON `audit_log` (`entity_type`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_log_province_time` ON `audit_log` (`province_code`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_log_entity` ON `audit_log` (`entity_type`,`entity_id`,`created_at`);