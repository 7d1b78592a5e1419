-- memberships_segment_on_insert (0001_triggers) read the customer's segment FOR SHARE: two
-- transactions could share a customer's row and then both update it (a ledger row moves the
-- balance), a deadlock. FOR NO KEY UPDATE, as an update of the row would lock it: a concurrent change
-- of the segment either commits first (and is read here) or waits for this membership to commit
-- (and then copies the segment onto it too); foreign key checks (KEY SHARE) do not wait for it.
CREATE OR REPLACE FUNCTION memberships_segment_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	customer_segment text;
BEGIN
	SELECT segment INTO customer_segment FROM customers WHERE id = NEW.customer_id FOR NO KEY UPDATE;
	UPDATE memberships SET segment = customer_segment WHERE id = NEW.id;
	RETURN NULL;
END;
$$;
