ALTER TABLE "staff" DROP CONSTRAINT "staff_role";--> statement-breakpoint
ALTER TABLE "staff" DROP CONSTRAINT "staff_scope";--> statement-breakpoint
ALTER TABLE "activities" DROP CONSTRAINT "activities_kind";--> statement-breakpoint
ALTER TABLE "callbacks" DROP CONSTRAINT "callbacks_status";--> statement-breakpoint
DROP INDEX "callbacks_queue";--> statement-breakpoint
ALTER TABLE "callbacks" ALTER COLUMN "event_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "callbacks" ALTER COLUMN "registration_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "account_manager_id" bigint;--> statement-breakpoint
ALTER TABLE "callbacks" ADD COLUMN "kind" text DEFAULT 'event' NOT NULL;--> statement-breakpoint
ALTER TABLE "callbacks" ADD COLUMN "period_start" bigint;--> statement-breakpoint
ALTER TABLE "callbacks" ADD COLUMN "due_at" bigint;--> statement-breakpoint
ALTER TABLE "callbacks" ADD COLUMN "attempts" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE "callbacks" SET "due_at" = "created_at", "attempts" = CASE WHEN "status" = 'open' THEN 0 ELSE 1 END;--> statement-breakpoint
ALTER TABLE "callbacks" ALTER COLUMN "due_at" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "callbacks" ADD COLUMN "next_attempt_at" bigint;--> statement-breakpoint
ALTER TABLE "callbacks" ADD COLUMN "assigned_staff_id" bigint;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_account_manager_id_staff_id_fk" FOREIGN KEY ("account_manager_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callbacks" ADD CONSTRAINT "callbacks_assigned_staff_id_staff_id_fk" FOREIGN KEY ("assigned_staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customers_account_manager" ON "customers" USING btree ("account_manager_id");--> statement-breakpoint
CREATE UNIQUE INDEX "callbacks_customer_period" ON "callbacks" USING btree ("customer_id","period_start");--> statement-breakpoint
CREATE INDEX "callbacks_assigned" ON "callbacks" USING btree ("assigned_staff_id","status");--> statement-breakpoint
CREATE INDEX "callbacks_queue" ON "callbacks" USING btree ("province_code","status","due_at");--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_role" CHECK ("staff"."role" in ('admin', 'operator', 'analyst', 'account_manager'));--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_scope" CHECK (("staff"."role" = 'admin' and "staff"."province_code" is null) or ("staff"."role" in ('operator', 'account_manager') and "staff"."province_code" is not null) or "staff"."role" = 'analyst');--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_kind" CHECK ("activities"."kind" in ('joined', 'left', 'registered', 'waitlisted', 'promoted', 'cancelled', 'event_cancelled', 'attended', 'no_show', 'attendance_corrected', 'service_booked', 'service_done', 'service_cancelled', 'trial', 'loan', 'feedback', 'callback', 'imported', 'web_access', 'complaint', 'hall_visit', 'account_manager'));--> statement-breakpoint
ALTER TABLE "callbacks" ADD CONSTRAINT "callbacks_kind" CHECK ("callbacks"."kind" in ('event', 'periodic'));--> statement-breakpoint
ALTER TABLE "callbacks" ADD CONSTRAINT "callbacks_kind_columns" CHECK (("callbacks"."kind" = 'event' and "callbacks"."registration_id" is not null) or ("callbacks"."kind" = 'periodic' and "callbacks"."period_start" is not null));--> statement-breakpoint
ALTER TABLE "callbacks" ADD CONSTRAINT "callbacks_status" CHECK ("callbacks"."status" in ('open', 'reached', 'not_reached', 'declined'));