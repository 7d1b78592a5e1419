-- participation and participation_totals, replaced by participation_chain and participation_cells (0039, 0040).
DROP TABLE `participation`;--> statement-breakpoint
DROP TABLE `participation_totals`;