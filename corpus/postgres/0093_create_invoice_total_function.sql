-- dbm:up
CREATE FUNCTION public.invoice_total(bigint) RETURNS numeric
    LANGUAGE sql STABLE
    AS $_$
    SELECT coalesce(sum(amount), 0) FROM public.invoice_lines WHERE invoice_id = $1;
$_$;

-- dbm:down
DROP FUNCTION public.invoice_total(bigint);
