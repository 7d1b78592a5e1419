CREATE TABLE `membership_stats` (
	`month` text NOT NULL,
	`club_code` text NOT NULL,
	`province_code` text NOT NULL,
	`segment` text NOT NULL,
	`join_channel` text NOT NULL,
	`joins` integer DEFAULT 0 NOT NULL,
	`leaves` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`month`, `club_code`, `province_code`, `segment`, `join_channel`)
);
--> statement-breakpoint
CREATE TABLE `monthly_stats` (
	`month` text NOT NULL,
	`province_code` text NOT NULL,
	`club_code` text NOT NULL,
	`kind` text NOT NULL,
	`segment` text NOT NULL,
	`channel` text NOT NULL,
	`registrations` integer DEFAULT 0 NOT NULL,
	`attended` integer DEFAULT 0 NOT NULL,
	`no_show` integer DEFAULT 0 NOT NULL,
	`cancelled` integer DEFAULT 0 NOT NULL,
	`waitlist_joins` integer DEFAULT 0 NOT NULL,
	`points_paid` integer DEFAULT 0 NOT NULL,
	`fen_paid` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`month`, `province_code`, `club_code`, `kind`, `segment`, `channel`)
);
--> statement-breakpoint
CREATE TABLE `participation_totals` (
	`period_key` text NOT NULL,
	`club_code` text NOT NULL,
	`province_code` text NOT NULL,
	`participants` integer DEFAULT 0 NOT NULL,
	`repeaters` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`period_key`, `club_code`, `province_code`)
);
--> statement-breakpoint
ALTER TABLE `events` ADD `attendees` integer DEFAULT 0 NOT NULL;