ALTER TABLE `memberships` ADD `segment` text;--> statement-breakpoint
-- The customer's segment on each membership, for statistics by segment without a customer lookup.
UPDATE `memberships` SET `segment` = (SELECT `segment` FROM `customers` WHERE `customers`.`id` = `memberships`.`customer_id`);--> statement-breakpoint
CREATE TRIGGER `memberships_segment_on_insert` AFTER INSERT ON `memberships`
BEGIN
  UPDATE `memberships` SET `segment` = (SELECT `segment` FROM `customers` WHERE `id` = NEW.`customer_id`) WHERE `id` = NEW.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `customers_segment_to_memberships` AFTER UPDATE OF `segment` ON `customers`
WHEN NEW.`segment` IS NOT OLD.`segment`
BEGIN
  UPDATE `memberships` SET `segment` = NEW.`segment` WHERE `customer_id` = NEW.`id`;
END;--> statement-breakpoint
CREATE INDEX `memberships_joined_stats` ON `memberships` (`joined_at`,`club_code`,`province_code`,`join_channel`,`segment`);--> statement-breakpoint
CREATE INDEX `memberships_left_stats` ON `memberships` (`left_at`,`club_code`,`province_code`,`join_channel`,`segment`) WHERE "memberships"."left_at" is not null;
