CREATE INDEX `membership_stats_totals` ON `membership_stats` (`segment`,`month`);--> statement-breakpoint
CREATE INDEX `monthly_stats_totals` ON `monthly_stats` (`segment`,`month`);--> statement-breakpoint
CREATE INDEX `monthly_stats_all_clubs` ON `monthly_stats` (`club_code`,`month`);