-- dbm:up
/*
 * Billing documentation lives next to the schema.
 * /* Nested comments are fine in PostgreSQL; this one has a ; and a ' in it */
 */
COMMENT ON TABLE invoices IS 'Issued invoices; amounts in the invoice''s currency';
COMMENT ON COLUMN invoices.number IS E'Gap-free? No: it\'s a sequence, gaps happen.';
COMMENT ON COLUMN invoice_lines.amount IS 'quantity × unit_price, rounded to cents';
COMMENT ON TABLE plans IS 'Price list; yearly_price is derived (15 % off)'

-- dbm:down
COMMENT ON TABLE plans IS NULL;
COMMENT ON COLUMN invoice_lines.amount IS NULL;
COMMENT ON COLUMN invoices.number IS NULL;
COMMENT ON TABLE invoices IS NULL;
