CREATE TABLE "membership_stats" (
	"month" text NOT NULL,
	"club_code" text NOT NULL,
	"province_code" text NOT NULL,
	"segment" text NOT NULL,
	"join_channel" text NOT NULL,
	"joins" bigint DEFAULT 0 NOT NULL,
	"leaves" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "membership_stats_month_club_code_province_code_segment_join_channel_pk" PRIMARY KEY("month","club_code","province_code","segment","join_channel")
);
--> statement-breakpoint
CREATE TABLE "monthly_stats" (
	"month" text NOT NULL,
	"province_code" text NOT NULL,
	"club_code" text NOT NULL,
	"kind" text NOT NULL,
	"segment" text NOT NULL,
	"channel" text NOT NULL,
	"registrations" bigint DEFAULT 0 NOT NULL,
	"attended" bigint DEFAULT 0 NOT NULL,
	"no_show" bigint DEFAULT 0 NOT NULL,
	"cancelled" bigint DEFAULT 0 NOT NULL,
	"waitlist_joins" bigint DEFAULT 0 NOT NULL,
	"points_paid" bigint DEFAULT 0 NOT NULL,
	"fen_paid" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "monthly_stats_month_province_code_club_code_kind_segment_channel_pk" PRIMARY KEY("month","province_code","club_code","kind","segment","channel")
);
--> statement-breakpoint
CREATE TABLE "participation_totals" (
	"period_key" text NOT NULL,
	"club_code" text NOT NULL,
	"province_code" text NOT NULL,
	"participants" bigint DEFAULT 0 NOT NULL,
	"repeaters" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "participation_totals_period_key_club_code_province_code_pk" PRIMARY KEY("period_key","club_code","province_code")
);
--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "attendees" bigint DEFAULT 0 NOT NULL;