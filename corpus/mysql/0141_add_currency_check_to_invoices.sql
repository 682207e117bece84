-- dbm:up
ALTER TABLE invoices ADD CONSTRAINT invoices_currency_format CHECK (currency REGEXP '^[A-Z]{3}$')

-- dbm:down
ALTER TABLE invoices DROP CONSTRAINT invoices_currency_format
