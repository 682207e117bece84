-- dbm:up
-- Written long ago, before dollar quoting: the body is a plain string, its quotes doubled.
CREATE OR REPLACE FUNCTION documents_keep_revision() RETURNS trigger AS '
BEGIN
    IF NEW.body IS DISTINCT FROM OLD.body THEN
        INSERT INTO document_revisions (document_id, revision, body)
        VALUES (OLD.id, coalesce((SELECT max(revision) FROM document_revisions WHERE document_id = OLD.id), 0) + 1, OLD.body);
        RAISE DEBUG ''kept revision of document %; body was % chars'', OLD.id, length(OLD.body);
    END IF;
    RETURN NEW;
END;
' LANGUAGE plpgsql;

CREATE TRIGGER documents_keep_revision BEFORE UPDATE OF body ON documents
FOR EACH ROW EXECUTE FUNCTION documents_keep_revision();

-- dbm:down
DROP TRIGGER documents_keep_revision ON documents;
DROP FUNCTION documents_keep_revision();
