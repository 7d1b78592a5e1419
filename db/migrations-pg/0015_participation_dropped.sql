-- participation and participation_totals, replaced by participation_chain and participation_cells (0013, 0014).
DROP TABLE "participation" CASCADE;--> statement-breakpoint
DROP TABLE "participation_totals" CASCADE;