-- dbm:up
CREATE TABLE plans (
    code varchar(32) PRIMARY KEY,
    name varchar(60) NOT NULL,
    monthly_price numeric(10,2) NOT NULL,
    yearly_price numeric(10,2) GENERATED ALWAYS AS (round(monthly_price * 12 * 0.85, 2)) STORED,
    features jsonb NOT NULL DEFAULT '{}',
    public boolean NOT NULL DEFAULT true
);

-- dbm:down
DROP TABLE plans;
