-- Balances are caches of their ledgers. A ledger row is applied to the balance by a trigger; the
-- balance column refuses any value other than its ledger's sum, and CHECK (>= 0) on customers makes
-- an overdraft abort the insert that caused it. Ledgers are append-only.
CREATE TRIGGER `points_ledger_apply` AFTER INSERT ON `points_ledger`
BEGIN
	UPDATE `customers` SET `points_balance` = `points_balance` + NEW.`delta` WHERE `id` = NEW.`customer_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `points_balance_guard` BEFORE UPDATE OF `points_balance` ON `customers`
WHEN NEW.`points_balance` <> (SELECT coalesce(sum(`delta`), 0) FROM `points_ledger` WHERE `customer_id` = NEW.`id`)
BEGIN
	SELECT RAISE(ABORT, 'points_balance changes only through points_ledger');
END;
--> statement-breakpoint
CREATE TRIGGER `points_ledger_no_update` BEFORE UPDATE ON `points_ledger`
BEGIN
	SELECT RAISE(ABORT, 'points_ledger is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `points_ledger_no_delete` BEFORE DELETE ON `points_ledger`
BEGIN
	SELECT RAISE(ABORT, 'points_ledger is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `points_balance_initial` BEFORE INSERT ON `customers`
WHEN NEW.`points_balance` <> 0 OR NEW.`prepaid_balance_fen` <> 0
BEGIN
	SELECT RAISE(ABORT, 'a new customer starts with zero balances; grants go through the ledgers');
END;
--> statement-breakpoint
CREATE TRIGGER `prepaid_ledger_apply` AFTER INSERT ON `prepaid_ledger`
BEGIN
	UPDATE `customers` SET `prepaid_balance_fen` = `prepaid_balance_fen` + NEW.`delta_fen` WHERE `id` = NEW.`customer_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `prepaid_balance_guard` BEFORE UPDATE OF `prepaid_balance_fen` ON `customers`
WHEN NEW.`prepaid_balance_fen` <> (SELECT coalesce(sum(`delta_fen`), 0) FROM `prepaid_ledger` WHERE `customer_id` = NEW.`id`)
BEGIN
	SELECT RAISE(ABORT, 'prepaid_balance_fen changes only through prepaid_ledger');
END;
--> statement-breakpoint
CREATE TRIGGER `prepaid_ledger_no_update` BEFORE UPDATE ON `prepaid_ledger`
BEGIN
	SELECT RAISE(ABORT, 'prepaid_ledger is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `prepaid_ledger_no_delete` BEFORE DELETE ON `prepaid_ledger`
BEGIN
	SELECT RAISE(ABORT, 'prepaid_ledger is append-only');
END;
