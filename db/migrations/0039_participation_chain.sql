CREATE TABLE `participation_cells` (
	`club_code` text NOT NULL,
	`province_code` text NOT NULL,
	`month` text NOT NULL,
	`prev_month` text NOT NULL,
	`prev2_month` text NOT NULL,
	`attendances` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`club_code`, `province_code`, `month`, `prev_month`, `prev2_month`)
);
--> statement-breakpoint
CREATE TABLE `participation_chain` (
	`customer_id` integer NOT NULL,
	`province_code` text NOT NULL,
	`club_code` text NOT NULL,
	`starts_at` integer NOT NULL,
	`registration_id` integer NOT NULL,
	`prev_at` integer NOT NULL,
	`prev2_at` integer NOT NULL,
	`next_at` integer NOT NULL,
	`next2_at` integer NOT NULL,
	PRIMARY KEY(`customer_id`, `province_code`, `club_code`, `starts_at`, `registration_id`)
);
--> statement-breakpoint
CREATE INDEX `participation_chain_days` ON `participation_chain` (`club_code`,`starts_at`,`province_code`,`prev_at`,`prev2_at`,`next_at`,`next2_at`);