-- dbm:up
--
-- Name: teams; Type: TABLE; Schema: public
--

CREATE TABLE public.teams (
    id integer NOT NULL,
    account_id uuid NOT NULL,
    name character varying(80) NOT NULL,
    description text,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL
);

CREATE SEQUENCE public.teams_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.teams_id_seq OWNED BY public.teams.id;

ALTER TABLE ONLY public.teams ALTER COLUMN id SET DEFAULT nextval('public.teams_id_seq'::regclass);

ALTER TABLE ONLY public.teams
    ADD CONSTRAINT teams_pkey PRIMARY KEY (id);

CREATE UNIQUE INDEX index_teams_on_account_id_and_name ON public.teams USING btree (account_id, name);

ALTER TABLE ONLY public.teams
    ADD CONSTRAINT fk_rails_teams_account_id FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE CASCADE;

-- dbm:down
DROP TABLE public.teams;
