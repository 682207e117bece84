-- dbm:up
CREATE OR REPLACE FUNCTION ensure_audit_partition(for_month date) RETURNS text
LANGUAGE plpgsql AS $fn$
DECLARE
    first_day date := date_trunc('month', for_month)::date;
    part_name text := format('audit_logs_%s', to_char(for_month, 'YYYY_MM'));
BEGIN
    -- the DDL text is dollar-quoted with its own tag, so it may hold ; and ' freely
    EXECUTE format($ddl$CREATE TABLE IF NOT EXISTS %I PARTITION OF audit_logs
        FOR VALUES FROM (%L) TO (%L)$ddl$,
        part_name, first_day, (first_day + interval '1 month')::date);
    RETURN part_name;
END;
$fn$;

SELECT ensure_audit_partition(date '2031-01-01');

-- dbm:down
DROP TABLE IF EXISTS audit_logs_2031_01;
DROP FUNCTION ensure_audit_partition(date);
