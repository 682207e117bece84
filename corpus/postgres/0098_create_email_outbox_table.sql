-- dbm:up
CREATE TABLE email_outbox (
    id bigserial PRIMARY KEY,
    to_address email_address NOT NULL,
    subject varchar(255) NOT NULL,
    body_text text NOT NULL,
    body_html text,
    headers jsonb,
    attempts smallint NOT NULL DEFAULT 0,
    send_after timestamptz NOT NULL DEFAULT now(),
    sent_at timestamptz
);

-- dbm:down
DROP TABLE email_outbox;
