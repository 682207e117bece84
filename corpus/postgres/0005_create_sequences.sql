-- dbm:up
CREATE SEQUENCE invoice_number_seq START WITH 1000 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
CREATE SEQUENCE public.ticket_number_seq AS integer START 1 MINVALUE 1 MAXVALUE 2147483647 CYCLE;

-- dbm:down
DROP SEQUENCE public.ticket_number_seq;
DROP SEQUENCE invoice_number_seq;
