CREATE INDEX `membership_stats_channel` ON `membership_stats` (`join_channel`,`month`);--> statement-breakpoint
CREATE INDEX `monthly_stats_channel` ON `monthly_stats` (`channel`,`month`);--> statement-breakpoint
ANALYZE `monthly_stats`;
--> statement-breakpoint
ANALYZE `membership_stats`;
