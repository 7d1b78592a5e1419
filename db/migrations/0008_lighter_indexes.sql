DROP INDEX `outbox_dedupeKey_unique`;--> statement-breakpoint
DROP INDEX `outbox_pending`;--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe` ON `outbox` (`dedupe_key`) WHERE "outbox"."dedupe_key" is not null;--> statement-breakpoint
CREATE INDEX `outbox_pending` ON `outbox` (`created_at`) WHERE "outbox"."status" = 'pending';--> statement-breakpoint
DROP INDEX `idempotency_keys_created`;