-- dbm:up
CREATE TABLE settings (
    key varchar(100) PRIMARY KEY,
    value text,
    value_type varchar(10) NOT NULL DEFAULT 'string',
    description text,
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT settings_key_format CHECK (key ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$'),
    CONSTRAINT settings_value_type_check CHECK (value_type = ANY (ARRAY['string'::varchar, 'integer'::varchar, 'boolean'::varchar, 'json'::varchar]))
);

-- dbm:down
DROP TABLE settings;
