-- Creates invitations. Reviewed in ORB-126; see docs/schema.md
-- dbm:up
CREATE TABLE invitations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    account_id uuid NOT NULL REFERENCES accounts ON DELETE CASCADE,
    email email_address NOT NULL,
    role member_role NOT NULL DEFAULT 'member',
    token text NOT NULL DEFAULT encode(gen_random_bytes(24), 'hex'),
    invited_by bigint REFERENCES users ON DELETE SET NULL,
    accepted_at timestamptz,
    expires_at timestamptz NOT NULL DEFAULT now() + interval '14 days'
);
CREATE UNIQUE INDEX invitations_open_email_key ON invitations (account_id, lower(email::text)) WHERE accepted_at IS NULL;

-- dbm:down
DROP TABLE invitations;
