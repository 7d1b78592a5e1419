CREATE TABLE `inspection_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`inspection_id` integer NOT NULL,
	`item_key` text NOT NULL,
	`rating` text NOT NULL,
	`finding` text,
	`follow_up` text,
	`followed_up_at` integer,
	`followed_up_by_staff_id` integer,
	`fixed_at` integer,
	FOREIGN KEY (`inspection_id`) REFERENCES `inspections`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`followed_up_by_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "inspection_items_key" CHECK("inspection_items"."item_key" in ('wait_time', 'handling_time', 'vip_zone', 'zone_3g', 'certified_staff', 'information_display', 'first_contact', 'demo_area')),
	CONSTRAINT "inspection_items_rating" CHECK("inspection_items"."rating" in ('pass', 'partial', 'fail', 'na'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inspection_items_item` ON `inspection_items` (`inspection_id`,`item_key`);--> statement-breakpoint
CREATE TABLE `inspections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`province_code` text NOT NULL,
	`kind` text NOT NULL,
	`hall_id` integer,
	`event_id` integer,
	`visited_at` integer NOT NULL,
	`score` integer NOT NULL,
	`note` text,
	`inspector_staff_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`hall_id`) REFERENCES `halls`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`inspector_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "inspections_kind" CHECK("inspections"."kind" in ('open', 'covert', 'self')),
	CONSTRAINT "inspections_place" CHECK(("inspections"."hall_id" is null) <> ("inspections"."event_id" is null)),
	CONSTRAINT "inspections_score" CHECK("inspections"."score" between 0 and 100)
);
--> statement-breakpoint
CREATE INDEX `inspections_province` ON `inspections` (`province_code`,`visited_at`);