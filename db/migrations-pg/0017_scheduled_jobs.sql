CREATE TABLE "scheduled_jobs" (
	"name" text PRIMARY KEY NOT NULL,
	"due_at" bigint NOT NULL,
	"held_by" text,
	"held_until" bigint,
	"last_started_at" bigint,
	"last_finished_at" bigint,
	"last_failed_at" bigint
);
