-- dbm:up
CREATE TABLE invoices (
    id bigserial PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts ON DELETE RESTRICT,
    number bigint NOT NULL DEFAULT nextval('invoice_number_seq') UNIQUE,
    currency char(3) NOT NULL DEFAULT 'EUR' CHECK (currency ~ '^[A-Z]{3}$'),
    total money_amount,
    issued_on date NOT NULL DEFAULT CURRENT_DATE,
    paid_at timestamptz,
    pdf bytea
);
CREATE TABLE invoice_lines (
    id bigserial PRIMARY KEY,
    invoice_id bigint NOT NULL REFERENCES invoices ON DELETE CASCADE,
    description text NOT NULL,
    quantity numeric(10,3) NOT NULL DEFAULT 1,
    unit_price numeric(12,4) NOT NULL,
    amount numeric(14,2) GENERATED ALWAYS AS (round(quantity * unit_price, 2)) STORED
);

-- dbm:down
DROP TABLE invoice_lines;
DROP TABLE invoices;
