CREATE TABLE `halls` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`province_code` text NOT NULL,
	`kind` text DEFAULT 'hall' NOT NULL,
	`city` text DEFAULT '' NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text,
	`address` text DEFAULT '' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "halls_kind" CHECK("halls"."kind" in ('hall', 'brand_store'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `halls_province_name` ON `halls` (`province_code`,`name_zh`);--> statement-breakpoint
ALTER TABLE `loaner_phones` ADD `hall_id` integer REFERENCES halls(id);--> statement-breakpoint
CREATE INDEX `loaner_phones_hall_id` ON `loaner_phones` (`hall_id`);--> statement-breakpoint
ALTER TABLE `service_slots` ADD `hall_id` integer REFERENCES halls(id);--> statement-breakpoint
CREATE INDEX `service_slots_hall` ON `service_slots` (`hall_id`,`starts_at`);--> statement-breakpoint
-- Halls named so far only as text become halls: those of hall slots (not on-site repair areas) and
-- of loaner phones, per province; then slots and phones point at them.
INSERT OR IGNORE INTO `halls` (`province_code`, `name_zh`, `created_at`)
SELECT DISTINCT `services`.`province_code`, `service_slots`.`place`, CAST(strftime('%s', 'now') AS INTEGER) * 1000
FROM `service_slots` JOIN `services` ON `services`.`id` = `service_slots`.`service_id`
WHERE `services`.`kind` <> 'onsite_repair';
--> statement-breakpoint
INSERT OR IGNORE INTO `halls` (`province_code`, `name_zh`, `created_at`)
SELECT DISTINCT `province_code`, `hall`, CAST(strftime('%s', 'now') AS INTEGER) * 1000 FROM `loaner_phones`;
--> statement-breakpoint
UPDATE `service_slots` SET `hall_id` = (
	SELECT `halls`.`id` FROM `halls` JOIN `services` ON `services`.`province_code` = `halls`.`province_code`
	WHERE `services`.`id` = `service_slots`.`service_id` AND `halls`.`name_zh` = `service_slots`.`place`
)
WHERE `service_id` IN (SELECT `id` FROM `services` WHERE `kind` <> 'onsite_repair');
--> statement-breakpoint
UPDATE `loaner_phones` SET `hall_id` = (
	SELECT `id` FROM `halls` WHERE `halls`.`province_code` = `loaner_phones`.`province_code` AND `halls`.`name_zh` = `loaner_phones`.`hall`
);
--> statement-breakpoint
-- Slots and phones keep the hall's Chinese name for their texts: a renamed hall renames them.
CREATE TRIGGER `halls_rename` AFTER UPDATE OF `name_zh` ON `halls`
BEGIN
	UPDATE `service_slots` SET `place` = NEW.`name_zh` WHERE `hall_id` = NEW.`id`;
	UPDATE `loaner_phones` SET `hall` = NEW.`name_zh` WHERE `hall_id` = NEW.`id`;
END;
