-- dbm:up
/* Domains keep the validation rules in one place.
   The e-mail rule is loose on purpose: /* a real RFC 5322 parser; with comments */ belongs
   in the application, not in a regular expression; don't "fix" it here. */
CREATE DOMAIN email_address AS citext
    CHECK (VALUE ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$');
CREATE DOMAIN slug AS varchar(64) CHECK (VALUE ~ '^[a-z0-9]+(?:-[a-z0-9]+)*$');
CREATE DOMAIN money_amount AS numeric(14, 2) DEFAULT 0 NOT NULL CHECK (VALUE >= 0);
CREATE DOMAIN hex_color AS char(7)
    CONSTRAINT hex_color_format CHECK (VALUE ~* '^#[0-9a-f]{6}$')

-- dbm:down
DROP DOMAIN hex_color;
DROP DOMAIN money_amount;
DROP DOMAIN slug;
DROP DOMAIN email_address;
