-- dbm:up
CREATE OR REPLACE FUNCTION audit_row_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
AS $body$
DECLARE
    actor text := coalesce(current_setting('orbit.actor_id', true), '');  -- '' when unset; that's fine
    payload jsonb;
BEGIN
    IF TG_OP = 'DELETE' THEN
        payload := jsonb_build_object('old', to_jsonb(OLD));
    ELSIF TG_OP = 'UPDATE' THEN
        payload := jsonb_build_object('old', to_jsonb(OLD), 'new', to_jsonb(NEW));
    ELSE
        payload := jsonb_build_object('new', to_jsonb(NEW));
    END IF;
    INSERT INTO audit_logs (occurred_at, actor, action, target_table, payload)
    VALUES (now(), nullif(actor, ''), lower(TG_OP), TG_TABLE_NAME, payload);
    RETURN coalesce(NEW, OLD);
END;
$body$;

CREATE TRIGGER projects_audit AFTER INSERT OR UPDATE OR DELETE ON projects
    FOR EACH ROW EXECUTE FUNCTION audit_row_change();
CREATE TRIGGER accounts_audit AFTER UPDATE OF status, plan_code ON accounts FOR EACH ROW EXECUTE FUNCTION audit_row_change();

-- dbm:down
DROP TRIGGER accounts_audit ON accounts;
DROP TRIGGER projects_audit ON projects;
DROP FUNCTION audit_row_change();
