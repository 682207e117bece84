-- dbm:up
set check_function_bodies = off;

CREATE OR REPLACE FUNCTION public.next_task_number(p_project_id bigint)
 RETURNS integer
 LANGUAGE plpgsql
AS $function$DECLARE
  n integer;
BEGIN
  -- lock the project row so two inserts don't pick the same number; see ORB-112
  PERFORM 1 FROM public.projects WHERE id = p_project_id FOR UPDATE;
  SELECT coalesce(max(number), 0) + 1 INTO n FROM public.tasks WHERE project_id = p_project_id;
  RETURN n;
END;
$function$
;

CREATE OR REPLACE FUNCTION public.tasks_assign_number()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF NEW.number IS NULL OR NEW.number = 0 THEN
    NEW.number := public.next_task_number(NEW.project_id);
  END IF;
  RETURN NEW;
END
$function$
;

CREATE TRIGGER tasks_assign_number BEFORE INSERT ON public.tasks FOR EACH ROW EXECUTE FUNCTION tasks_assign_number();

-- dbm:down
DROP TRIGGER IF EXISTS tasks_assign_number ON public.tasks;
DROP FUNCTION IF EXISTS public.tasks_assign_number();
DROP FUNCTION IF EXISTS public.next_task_number(bigint);
