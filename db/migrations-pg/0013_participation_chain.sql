CREATE TABLE "participation_cells" (
	"club_code" text NOT NULL,
	"province_code" text NOT NULL,
	"month" text NOT NULL,
	"prev_month" text NOT NULL,
	"prev2_month" text NOT NULL,
	"attendances" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "participation_cells_club_code_province_code_month_prev_month_prev2_month_pk" PRIMARY KEY("club_code","province_code","month","prev_month","prev2_month")
);
--> statement-breakpoint
CREATE TABLE "participation_chain" (
	"customer_id" bigint NOT NULL,
	"province_code" text NOT NULL,
	"club_code" text NOT NULL,
	"starts_at" bigint NOT NULL,
	"registration_id" bigint NOT NULL,
	"prev_at" bigint NOT NULL,
	"prev2_at" bigint NOT NULL,
	"next_at" bigint NOT NULL,
	"next2_at" bigint NOT NULL,
	CONSTRAINT "participation_chain_customer_id_province_code_club_code_starts_at_registration_id_pk" PRIMARY KEY("customer_id","province_code","club_code","starts_at","registration_id")
);
--> statement-breakpoint
CREATE INDEX "participation_chain_days" ON "participation_chain" USING btree ("club_code","starts_at","province_code","prev_at","prev2_at","next_at","next2_at");