-- dbm:up
CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    -- only touch the row when something really changed; a no-op UPDATE keeps its timestamp
    IF ROW(NEW.*) IS DISTINCT FROM ROW(OLD.*) THEN
        NEW.updated_at := now();
    END IF;
    RETURN NEW;
END;
$$;

-- dbm:down
DROP FUNCTION IF EXISTS set_updated_at();
