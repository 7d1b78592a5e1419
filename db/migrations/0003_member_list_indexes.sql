DROP INDEX `memberships_club_joined`;--> statement-breakpoint
DROP INDEX `memberships_club_province_joined`;--> statement-breakpoint
CREATE INDEX `memberships_club_joined` ON `memberships` (`club_code`,`joined_at`,`left_at`);--> statement-breakpoint
CREATE INDEX `memberships_club_province_joined` ON `memberships` (`club_code`,`province_code`,`joined_at`,`left_at`);--> statement-breakpoint
CREATE INDEX `customers_status` ON `customers` (`status`);