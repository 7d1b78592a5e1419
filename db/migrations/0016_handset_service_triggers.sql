-- service_slots.booked counts a slot's live bookings; triggers keep it in the statement that changes
-- a booking, and the slot's CHECK (booked <= capacity) refuses an overbooking whatever writes it.
CREATE TRIGGER `service_bookings_count_insert` AFTER INSERT ON `service_bookings`
WHEN NEW.`status` <> 'cancelled'
BEGIN
	UPDATE `service_slots` SET `booked` = `booked` + 1 WHERE `id` = NEW.`slot_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `service_bookings_count_update` AFTER UPDATE OF `status` ON `service_bookings`
WHEN (NEW.`status` = 'cancelled') <> (OLD.`status` = 'cancelled')
BEGIN
	UPDATE `service_slots` SET `booked` = `booked` + CASE WHEN NEW.`status` = 'cancelled' THEN -1 ELSE 1 END WHERE `id` = NEW.`slot_id`;
END;
