-- dbm:up
CREATE INDEX attachments_task_id_idx ON public.attachments USING btree (task_id) WITH (fillfactor='90');
CREATE INDEX webhooks_events_idx ON public.webhooks USING gin (events);
CREATE INDEX projects_name_trgm_idx ON public.projects USING gist (name gist_trgm_ops);

-- dbm:down
DROP INDEX public.projects_name_trgm_idx;
DROP INDEX public.webhooks_events_idx;
DROP INDEX public.attachments_task_id_idx;
