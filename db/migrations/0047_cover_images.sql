CREATE TABLE `club_covers` (
	`club_code` text NOT NULL,
	`province_code` text NOT NULL,
	`image_id` integer NOT NULL,
	`updated_by_staff_id` integer,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`province_code`, `club_code`),
	FOREIGN KEY (`club_code`) REFERENCES `clubs`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`image_id`) REFERENCES `images`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `club_covers_image` ON `club_covers` (`image_id`);--> statement-breakpoint
CREATE TABLE `images` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sha256` text NOT NULL,
	`content_type` text NOT NULL,
	`byte_size` integer NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`bytes` blob NOT NULL,
	`uploaded_by_staff_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`uploaded_by_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "images_content_type" CHECK("images"."content_type" in ('image/jpeg', 'image/png', 'image/webp')),
	CONSTRAINT "images_size" CHECK("images"."byte_size" > 0 and "images"."width" > 0 and "images"."height" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `images_sha256` ON `images` (`sha256`);--> statement-breakpoint
ALTER TABLE `events` ADD `cover_image_id` integer REFERENCES images(id);--> statement-breakpoint
CREATE INDEX `events_cover_image` ON `events` (`cover_image_id`);