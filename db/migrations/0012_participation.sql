CREATE TABLE `participation` (
	`period_key` text NOT NULL,
	`club_code` text NOT NULL,
	`province_code` text NOT NULL,
	`customer_id` integer NOT NULL,
	`events_attended` integer NOT NULL,
	PRIMARY KEY(`period_key`, `club_code`, `province_code`, `customer_id`)
);
--> statement-breakpoint
CREATE INDEX `participation_counts` ON `participation` (`period_key`,`club_code`,`province_code`,`events_attended`);