-- dbm:up
CREATE TABLE calendar_events (
    id bigserial PRIMARY KEY,
    project_id bigint NOT NULL REFERENCES projects ON DELETE CASCADE,
    title varchar(200) NOT NULL,
    starts_at timestamptz NOT NULL,
    ends_at timestamptz NOT NULL,
    all_day boolean NOT NULL DEFAULT false,
    recurrence text,
    location point,
    CONSTRAINT calendar_events_order CHECK (ends_at >= starts_at)
);
CREATE TABLE event_attendees (
    event_id bigint NOT NULL REFERENCES calendar_events ON DELETE CASCADE,
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    response char(1) NOT NULL DEFAULT '?' CHECK (response IN ('?', 'y', 'n', 'm')),
    PRIMARY KEY (event_id, user_id)
);

-- dbm:down
DROP TABLE event_attendees;
DROP TABLE calendar_events;
