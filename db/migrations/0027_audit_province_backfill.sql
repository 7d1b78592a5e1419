-- The province of audit entries written before audit_log.province_code existed: the entity's where
-- it still has one, else the writer's own (a provincial account or token only acts in its province).
UPDATE `audit_log` SET `province_code` = CASE `entity_type`
  WHEN 'event' THEN (SELECT `province_code` FROM `events` WHERE `id` = CAST(`audit_log`.`entity_id` AS INTEGER))
  WHEN 'event_series' THEN (SELECT `province_code` FROM `event_series` WHERE `id` = CAST(`audit_log`.`entity_id` AS INTEGER))
  WHEN 'registration' THEN (SELECT e.`province_code` FROM `registrations` r JOIN `events` e ON e.`id` = r.`event_id` WHERE r.`id` = CAST(`audit_log`.`entity_id` AS INTEGER))
  WHEN 'membership' THEN (SELECT `province_code` FROM `memberships` WHERE `id` = CAST(`audit_log`.`entity_id` AS INTEGER))
  WHEN 'complaint' THEN (SELECT `province_code` FROM `complaints` WHERE `id` = CAST(`audit_log`.`entity_id` AS INTEGER))
  WHEN 'callback' THEN (SELECT `province_code` FROM `callbacks` WHERE `id` = CAST(`audit_log`.`entity_id` AS INTEGER))
  WHEN 'hall' THEN (SELECT `province_code` FROM `halls` WHERE `id` = CAST(`audit_log`.`entity_id` AS INTEGER))
  WHEN 'service' THEN (SELECT `province_code` FROM `services` WHERE `id` = CAST(`audit_log`.`entity_id` AS INTEGER))
  WHEN 'service_slot' THEN (SELECT s.`province_code` FROM `service_slots` x JOIN `services` s ON s.`id` = x.`service_id` WHERE x.`id` = CAST(`audit_log`.`entity_id` AS INTEGER))
  WHEN 'service_booking' THEN (SELECT s.`province_code` FROM `service_bookings` x JOIN `services` s ON s.`id` = x.`service_id` WHERE x.`id` = CAST(`audit_log`.`entity_id` AS INTEGER))
  WHEN 'trial_programme' THEN (SELECT s.`province_code` FROM `trial_programmes` x JOIN `services` s ON s.`id` = x.`service_id` WHERE x.`id` = CAST(`audit_log`.`entity_id` AS INTEGER))
  WHEN 'trial_application' THEN (SELECT s.`province_code` FROM `trial_applications` a JOIN `trial_programmes` x ON x.`id` = a.`programme_id` JOIN `services` s ON s.`id` = x.`service_id` WHERE a.`id` = CAST(`audit_log`.`entity_id` AS INTEGER))
  WHEN 'loaner_phone' THEN (SELECT `province_code` FROM `loaner_phones` WHERE `id` = CAST(`audit_log`.`entity_id` AS INTEGER))
  WHEN 'loaner_loan' THEN (SELECT p.`province_code` FROM `loaner_loans` l JOIN `loaner_phones` p ON p.`id` = l.`loaner_id` WHERE l.`id` = CAST(`audit_log`.`entity_id` AS INTEGER))
  WHEN 'staff' THEN (SELECT `province_code` FROM `staff` WHERE `id` = CAST(`audit_log`.`entity_id` AS INTEGER))
  WHEN 'api_token' THEN (SELECT `province_code` FROM `api_tokens` WHERE `id` = CAST(`audit_log`.`entity_id` AS INTEGER))
END
WHERE `province_code` IS NULL;
--> statement-breakpoint
UPDATE `audit_log` SET `province_code` = COALESCE(
  (SELECT `province_code` FROM `staff` WHERE `id` = `audit_log`.`staff_id`),
  (SELECT `province_code` FROM `api_tokens` WHERE `id` = `audit_log`.`api_token_id`)
)
WHERE `province_code` IS NULL;
