-- dbm:up
CREATE OR REPLACE FUNCTION slugify(value text)
RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT
AS $$
DECLARE
    result text;
BEGIN
    -- lower-case, turn anything that is not [a-z0-9] into '-', trim the dashes:
    -- "Tom's Café; 2nd floor" -> 'tom-s-caf-2nd-floor'
    result := regexp_replace(lower(value), E'[^a-z0-9]+', '-', 'g');
    result := regexp_replace(result, '(^-+|-+$)', '', 'g');
    RETURN result;
END
$$;

-- dbm:down
DROP FUNCTION slugify(text);
