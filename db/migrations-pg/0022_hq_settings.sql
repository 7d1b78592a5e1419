CREATE TABLE "hq_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" bigint NOT NULL,
	"updated_by_staff_id" bigint
);
--> statement-breakpoint
ALTER TABLE "hq_settings" ADD CONSTRAINT "hq_settings_updated_by_staff_id_staff_id_fk" FOREIGN KEY ("updated_by_staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;