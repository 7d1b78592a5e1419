ALTER TABLE "events" ADD COLUMN "revision" bigint DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- Feeds used to derive SEQUENCE from the seconds between creation and the last change: start each
-- event's counter there, so that no subscribed calendar sees SEQUENCE fall and ignore the next edit.
UPDATE "events" SET "revision" = CASE WHEN "updated_at" IS NULL OR "updated_at" <= "created_at" THEN 0 ELSE ("updated_at" - "created_at") / 1000 END;
