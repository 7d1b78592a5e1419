CREATE TABLE `scheduled_jobs` (
	`name` text PRIMARY KEY NOT NULL,
	`due_at` integer NOT NULL,
	`held_by` text,
	`held_until` integer,
	`last_started_at` integer,
	`last_finished_at` integer,
	`last_failed_at` integer
);
