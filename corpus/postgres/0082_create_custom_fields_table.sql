-- dbm:up
CREATE TABLE custom_fields (
    id serial PRIMARY KEY,
    project_id bigint NOT NULL REFERENCES projects ON DELETE CASCADE,
    name varchar(60) NOT NULL,
    field_type varchar(12) NOT NULL,
    options jsonb,
    required boolean NOT NULL DEFAULT false,
    CONSTRAINT custom_fields_type_check CHECK (field_type IN ('text', 'number', 'date', 'select', 'multi_select', 'user')),
    CONSTRAINT custom_fields_options_check CHECK ((field_type IN ('select', 'multi_select')) = (options IS NOT NULL))
);
CREATE TABLE custom_field_values (
    task_id bigint NOT NULL REFERENCES tasks ON DELETE CASCADE,
    field_id integer NOT NULL REFERENCES custom_fields ON DELETE CASCADE,
    value jsonb NOT NULL,
    PRIMARY KEY (task_id, field_id)
);

-- dbm:down
DROP TABLE custom_field_values;
DROP TABLE custom_fields;
