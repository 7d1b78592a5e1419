ALTER TABLE "points_ledger" ADD COLUMN "external_ref" text;--> statement-breakpoint
ALTER TABLE "points_ledger" ADD COLUMN "occurred_at" bigint;--> statement-breakpoint
ALTER TABLE "prepaid_ledger" ADD COLUMN "external_ref" text;--> statement-breakpoint
ALTER TABLE "prepaid_ledger" ADD COLUMN "occurred_at" bigint;--> statement-breakpoint
ALTER TABLE "customer_imports" ADD COLUMN "kind" text DEFAULT 'customers' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "points_ledger_external_ref" ON "points_ledger" USING btree ("external_ref");--> statement-breakpoint
CREATE UNIQUE INDEX "prepaid_ledger_external_ref" ON "prepaid_ledger" USING btree ("external_ref");