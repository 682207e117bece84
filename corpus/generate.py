#!/usr/bin/env python3
"""Writes dbm's SQL splitter corpus: corpus/postgres/*.sql and corpus/mysql/*.sql.

The corpus is the migration history of "Orbit", a fictional project tracker (accounts, users,
teams, projects, tasks, comments, audit logs, settings, ...). It is our own SQL, written to
reproduce the constructs and styles found in public projects' migration files (plain,
Prisma-like, dump-like and mattermost-like styles; DO blocks, dollar-quoted functions,
E-strings, backslash escapes, conditional DDL through PREPARE, trigger bodies, ...).

Each file is a dbm `.sql` migration (`-- dbm:up` ... `-- dbm:down` ...) whose down section
undoes its up section exactly, so that rolling every migration back leaves an empty schema.

Conventions the tests and the bench rely on (checked by `check_mysql_client_convention`):

- PostgreSQL: the up section of every file can be fed to `psql -f` as it is.
- MySQL: a compound statement (`CREATE TRIGGER/PROCEDURE/FUNCTION ... BEGIN ... END`) that is
  not fenced starts on a line that begins with `CREATE` and holds no `;`, and ends at the
  first following line that is exactly `END;`; a fenced one (`-- dbm:statement-begin` /
  `-- dbm:statement-end`) does not end with `;`. This lets a tool turn an up section into a
  `mariadb` client script (wrapping those statements in `DELIMITER`) without dbm's splitter.

Usage: python3 corpus/generate.py        (standard library only; the output is deterministic)
"""

import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


class Corpus:
    """An ordered list of migrations for one dialect."""

    def __init__(self, dialect):
        self.dialect = dialect
        self.items = []

    def add(self, name, up, down, no_tx=False, header=None):
        assert re.fullmatch(r"[a-z0-9_]+", name), name
        self.items.append((name, up, down, no_tx, header))

    def render(self, index, item):
        name, up, down, no_tx, header = item
        lines = []
        if header:
            for line in header.strip("\n").split("\n"):
                lines.append(("-- " + line).rstrip())
        if no_tx:
            lines.append("-- dbm:no-transaction")
        head = "\n".join(lines) + "\n" if lines else ""
        up = up.strip("\n") + "\n"
        down = down.strip("\n") + "\n"
        return f"{index:04d}_{name}.sql", head + "-- dbm:up\n" + up + "\n-- dbm:down\n" + down

    def write(self, folder):
        os.makedirs(folder, exist_ok=True)
        for old in os.listdir(folder):
            if old.endswith(".sql"):
                os.remove(os.path.join(folder, old))
        for index, item in enumerate(self.items, start=1):
            filename, text = self.render(index, item)
            with open(os.path.join(folder, filename), "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
        return len(self.items)


# ---------------------------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------------------------

# (column, type, wider type, name after the rename step)
PG_POOL_A = [
    ("external_ref", "varchar(64)", "varchar(255)", "external_reference"),
    ("notes", "varchar(2000)", "text", "internal_notes"),
    ("source_system", "varchar(32)", "varchar(64)", "origin_system"),
    ("legacy_id", "integer", "bigint", "legacy_key"),
    ("import_batch", "varchar(40)", "varchar(80)", "import_batch_id"),
    ("sync_token", "varchar(128)", "text", "sync_cursor"),
    ("review_score", "smallint", "integer", "quality_score"),
    ("display_color", "varchar(7)", "varchar(16)", "accent_color"),
    ("last_synced_at", "timestamp", "timestamptz", "synced_at"),
    ("weight", "numeric(6,2)", "numeric(10,2)", "sort_weight"),
    ("checksum", "varchar(64)", "text", "content_hash"),
    ("locale_hint", "varchar(10)", "varchar(35)", "language_tag"),
]

# (column, type, default, check expression on the column or None)
PG_POOL_B = [
    ("is_pinned", "boolean", "false", None),
    ("priority_rank", "integer", "0", "{c} >= 0"),
    ("status_note", "text", "''", "char_length({c}) <= 280"),
    ("visibility_level", "smallint", "1", "{c} BETWEEN 0 AND 3"),
    ("retention_days", "integer", "30", "{c} > 0"),
    ("origin", "varchar(16)", "'web'", "{c} IN ('web', 'api', 'import', 'mobile')"),
    ("revision", "integer", "1", "{c} >= 1"),
    ("flags", "integer", "0", None),
    ("is_locked", "boolean", "false", None),
    ("tz_offset_minutes", "smallint", "0", "{c} BETWEEN -720 AND 840"),
]


def pg_alter_steps(table, t_index, quoted=False):
    """The generated ALTER TABLE migrations of one table: a list of (name, up, down)."""
    a_name, a_type, a_wide, a_new = PG_POOL_A[t_index % len(PG_POOL_A)]
    b_name, b_type, b_default, b_check = PG_POOL_B[t_index % len(PG_POOL_B)]
    style = t_index % 4
    q = (lambda s: f'"{s}"') if quoted else (lambda s: s)
    t = q(table)
    steps = []

    # 1. add two columns
    if style == 0:
        up = (f"ALTER TABLE {t} ADD COLUMN {q(a_name)} {a_type};\n"
              f"ALTER TABLE {t} ADD COLUMN {q(b_name)} {b_type} NOT NULL DEFAULT {b_default};")
        down = (f"ALTER TABLE {t} DROP COLUMN {q(b_name)};\n"
                f"ALTER TABLE {t} DROP COLUMN {q(a_name)};")
    elif style == 1:
        up = (f"-- nolint:concurrentIndex (no index here, the linter just wants the marker)\n"
              f"ALTER TABLE {t} ADD COLUMN IF NOT EXISTS {q(a_name)} {a_type};\n"
              f"ALTER TABLE {t} ADD COLUMN IF NOT EXISTS {q(b_name)} {b_type} DEFAULT {b_default} NOT NULL")
        down = (f"ALTER TABLE {t} DROP COLUMN IF EXISTS {q(b_name)};\n"
                f"ALTER TABLE {t} DROP COLUMN IF EXISTS {q(a_name)};")
    elif style == 2:
        up = (f"ALTER TABLE ONLY public.{t}\n"
              f"    ADD COLUMN {q(a_name)} {a_type},\n"
              f"    ADD COLUMN {q(b_name)} {b_type} DEFAULT {b_default} NOT NULL;")
        down = f"ALTER TABLE ONLY public.{t} DROP COLUMN {q(b_name)}, DROP COLUMN {q(a_name)};"
    else:
        up = (f"-- AlterTable\n"
              f"ALTER TABLE \"{table}\" ADD COLUMN     \"{a_name}\" {a_type.upper()},\n"
              f"ADD COLUMN     \"{b_name}\" {b_type.upper()} NOT NULL DEFAULT {b_default};")
        down = (f"-- AlterTable\n"
                f"ALTER TABLE \"{table}\" DROP COLUMN \"{b_name}\",\n"
                f"DROP COLUMN \"{a_name}\";")
    steps.append((f"add_{a_name}_and_{b_name}_to_{table}", up, down))
    if t_index % 3 == 2:
        return steps

    # 2. rename, widen, constrain
    lines_up = [f"ALTER TABLE {t} RENAME COLUMN {q(a_name)} TO {q(a_new)};"]
    lines_down = []
    lines_up.append(f"ALTER TABLE {t} ALTER COLUMN {q(a_new)} TYPE {a_wide} USING {q(a_new)}::{a_wide};")
    if b_check:
        cname = f"{table}_{b_name}_check"
        expr = b_check.format(c=q(b_name))
        lines_up.append(f"ALTER TABLE {t} ADD CONSTRAINT {cname} CHECK ({expr}) NOT VALID;")
        lines_up.append(f"ALTER TABLE {t} VALIDATE CONSTRAINT {cname};")
        lines_down.append(f"ALTER TABLE {t} DROP CONSTRAINT {cname};")
    lines_down.append(f"ALTER TABLE {t} ALTER COLUMN {q(a_new)} TYPE {a_type} USING {q(a_new)}::{a_type};")
    lines_down.append(f"ALTER TABLE {t} RENAME COLUMN {q(a_new)} TO {q(a_name)};")
    sep = "\n\n" if t_index % 2 else "\n"
    steps.append((f"rename_{a_name}_on_{table}", sep.join(lines_up), sep.join(lines_down)))
    if t_index % 3 == 1:
        return steps

    # 3. index, and relax the NOT NULL
    idx = f"{table}_{a_new}_idx"
    up = (f"CREATE INDEX {idx} ON {t} ({q(a_new)}) WHERE {q(a_new)} IS NOT NULL;\n"
          f"ALTER TABLE {t} ALTER COLUMN {q(b_name)} DROP NOT NULL;")
    down = (f"ALTER TABLE {t} ALTER COLUMN {q(b_name)} SET NOT NULL;\n"
            f"DROP INDEX {idx};")
    steps.append((f"index_{a_new}_on_{table}", up, down))

    # 4. drop the column again (the down restores the column and its index)
    up = (f"-- {a_new} turned out to be unused; the importer writes to {b_name} instead\n"
          f"ALTER TABLE {t} DROP COLUMN IF EXISTS {q(a_new)}")
    down = (f"ALTER TABLE {t} ADD COLUMN {q(a_new)} {a_wide};\n"
            f"CREATE INDEX {idx} ON {t} ({q(a_new)}) WHERE {q(a_new)} IS NOT NULL;")
    steps.append((f"drop_{a_new}_from_{table}", up, down))
    return steps


PG_FOUNDATION = [
    ("enable_extensions", r"""
-- Extensions used across the schema. Managed databases usually have them installed
-- already, hence IF NOT EXISTS; dropping them again is the last thing a full rollback does.
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE EXTENSION IF NOT EXISTS citext;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gist
""", r"""
DROP EXTENSION IF EXISTS btree_gist;
DROP EXTENSION IF EXISTS pg_trgm;
DROP EXTENSION IF EXISTS citext;
DROP EXTENSION IF EXISTS pgcrypto;
"""),
    ("create_enum_types", r"""
-- Idempotent type creation, three ways (each has been copied around a lot).
DO $$ BEGIN
    CREATE TYPE account_status AS ENUM ('trial', 'active', 'past_due', 'suspended', 'closed');
EXCEPTION
    WHEN duplicate_object THEN null;
END $$;

do $$ begin create type member_role as enum ('owner', 'admin', 'member', 'guest'); exception when duplicate_object then null; end $$;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'project_visibility') THEN
        CREATE TYPE project_visibility AS ENUM ('private', 'internal', 'public');
    END IF;
END
$$;
""", r"""
DROP TYPE IF EXISTS project_visibility;
DROP TYPE IF EXISTS member_role;
DROP TYPE IF EXISTS account_status;
"""),
    ("create_task_enums", r"""
-- CreateEnum
CREATE TYPE "TaskState" AS ENUM ('BACKLOG', 'TODO', 'IN_PROGRESS', 'IN_REVIEW', 'DONE', 'WONT_DO');

-- CreateEnum
CREATE TYPE "TaskPriority" AS ENUM ('LOW', 'MEDIUM', 'HIGH', 'URGENT');
""", r"""
-- DropEnum
DROP TYPE "TaskPriority";

-- DropEnum
DROP TYPE "TaskState";
"""),
    ("create_domains", r"""
/* Domains keep the validation rules in one place.
   The e-mail rule is loose on purpose: /* a real RFC 5322 parser; with comments */ belongs
   in the application, not in a regular expression; don't "fix" it here. */
CREATE DOMAIN email_address AS citext
    CHECK (VALUE ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$');
CREATE DOMAIN slug AS varchar(64) CHECK (VALUE ~ '^[a-z0-9]+(?:-[a-z0-9]+)*$');
CREATE DOMAIN money_amount AS numeric(14, 2) DEFAULT 0 NOT NULL CHECK (VALUE >= 0);
CREATE DOMAIN hex_color AS char(7)
    CONSTRAINT hex_color_format CHECK (VALUE ~* '^#[0-9a-f]{6}$')
""", r"""
DROP DOMAIN hex_color;
DROP DOMAIN money_amount;
DROP DOMAIN slug;
DROP DOMAIN email_address;
"""),
    ("create_sequences", r"""
CREATE SEQUENCE invoice_number_seq START WITH 1000 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
CREATE SEQUENCE public.ticket_number_seq AS integer START 1 MINVALUE 1 MAXVALUE 2147483647 CYCLE;
""", r"""
DROP SEQUENCE public.ticket_number_seq;
DROP SEQUENCE invoice_number_seq;
"""),
    ("create_set_updated_at_function", r"""
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
""", r"""
DROP FUNCTION IF EXISTS set_updated_at();
"""),
]

# (table, up, down, gets generated ALTER migrations, its identifiers are quoted)
PG_TABLES = [
    ("accounts", r"""
CREATE TABLE accounts (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL,
    slug slug NOT NULL,
    status account_status NOT NULL DEFAULT 'trial',
    billing_email email_address,
    plan_code varchar(32) NOT NULL DEFAULT 'free',
    seats integer NOT NULL DEFAULT 1 CHECK (seats > 0),
    settings jsonb NOT NULL DEFAULT '{}'::jsonb,
    trial_ends_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT accounts_slug_key UNIQUE (slug)
);

CREATE TRIGGER accounts_set_updated_at BEFORE UPDATE ON accounts
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
""", "DROP TABLE accounts;", True, False),
    ("users", r"""
CREATE TABLE users (
    id bigserial PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    email email_address NOT NULL,
    display_name varchar(120) NOT NULL DEFAULT '',
    password_digest text,
    locale varchar(10) NOT NULL DEFAULT 'en',
    time_zone text NOT NULL DEFAULT 'Etc/UTC',
    is_admin boolean NOT NULL DEFAULT false,
    failed_logins smallint NOT NULL DEFAULT 0,
    avatar bytea,
    last_seen_at timestamp with time zone,
    deleted_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    UNIQUE (account_id, email),
    CHECK (failed_logins >= 0)
);
CREATE INDEX users_email_trgm_idx ON users USING gin ((email::text) gin_trgm_ops);
CREATE TRIGGER users_set_updated_at BEFORE UPDATE ON users FOR EACH ROW EXECUTE PROCEDURE set_updated_at();
""", "DROP TABLE IF EXISTS users;", True, False),
    ("teams", r"""
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
""", "DROP TABLE public.teams;", True, False),
    ("memberships", r"""
-- CreateTable
CREATE TABLE "memberships" (
    "team_id" INTEGER NOT NULL,
    "user_id" BIGINT NOT NULL,
    "role" member_role NOT NULL DEFAULT 'member',
    "joined_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "memberships_pkey" PRIMARY KEY ("team_id","user_id")
);

-- CreateIndex
CREATE INDEX "memberships_user_id_idx" ON "memberships"("user_id");

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
""", r"""
-- DropForeignKey
ALTER TABLE "memberships" DROP CONSTRAINT "memberships_user_id_fkey";

-- DropForeignKey
ALTER TABLE "memberships" DROP CONSTRAINT "memberships_team_id_fkey";

-- DropTable
DROP TABLE "memberships";
""", True, True),
    ("projects", r"""
CREATE TABLE projects (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts ON DELETE CASCADE,
    team_id integer REFERENCES teams ON DELETE SET NULL,
    key varchar(10) NOT NULL CHECK (key ~ '^[A-Z][A-Z0-9]{1,9}$'),
    name text NOT NULL,
    description text,
    visibility project_visibility NOT NULL DEFAULT 'private',
    budget money_amount,
    starts_on date,
    ends_on date,
    archived boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT projects_dates_check CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on),
    CONSTRAINT projects_account_key_unique UNIQUE (account_id, key)
);
CREATE TRIGGER projects_set_updated_at BEFORE UPDATE ON projects FOR EACH ROW EXECUTE FUNCTION set_updated_at()
""", "DROP TABLE projects", True, False),
    ("project_members", r"""
create table project_members (
  project_id bigint not null references projects(id) on delete cascade,
  user_id bigint not null references users(id) on delete cascade,
  role member_role not null default 'member',
  notify boolean not null default true,
  added_at timestamptz not null default now(),
  primary key (project_id, user_id)
);
create index project_members_user_id_idx on project_members (user_id);
""", "drop table project_members;", True, False),
    ("boards", r"""
CREATE TABLE boards (
    id serial PRIMARY KEY,
    project_id bigint NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    name varchar(100) NOT NULL,
    is_default boolean NOT NULL DEFAULT FALSE,
    created_at timestamptz NOT NULL DEFAULT now()
);
-- at most one default board per project
CREATE UNIQUE INDEX boards_one_default_per_project ON boards (project_id) WHERE is_default;
""", "DROP TABLE boards;", True, False),
    ("board_columns", r"""
CREATE TABLE board_columns (
    id serial PRIMARY KEY,
    board_id integer NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    title varchar(60) NOT NULL,
    position integer NOT NULL,
    wip_limit smallint CHECK (wip_limit IS NULL OR wip_limit > 0),
    maps_to_state "TaskState",
    UNIQUE (board_id, position) DEFERRABLE INITIALLY DEFERRED
);
""", "DROP TABLE board_columns;", True, False),
    ("labels", r"""
CREATE TABLE labels (
    id serial PRIMARY KEY,
    project_id bigint NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    name varchar(50) NOT NULL,
    color hex_color NOT NULL DEFAULT '#888888',
    description text DEFAULT ''::text,
    CONSTRAINT labels_name_not_blank CHECK (btrim(name) <> '')
);
CREATE UNIQUE INDEX labels_project_lower_name_key ON labels (project_id, lower(name));
""", "DROP TABLE labels;", True, False),
    ("tasks", r"""
CREATE TABLE tasks (
    id bigint GENERATED ALWAYS AS IDENTITY (START WITH 1000 INCREMENT BY 1),
    project_id bigint NOT NULL,
    parent_id bigint,
    number integer NOT NULL,
    title varchar(500) NOT NULL,
    body text,
    state "TaskState" NOT NULL DEFAULT 'BACKLOG',
    priority "TaskPriority" NOT NULL DEFAULT 'MEDIUM',
    estimate interval,
    story_points numeric(5,1),
    position double precision NOT NULL DEFAULT 0,
    tags text[] NOT NULL DEFAULT '{}',
    due_at timestamptz,
    completed_at timestamptz,
    created_by bigint REFERENCES users (id) ON DELETE SET NULL,
    search tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(body, ''))) STORED,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (id),
    FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE,
    FOREIGN KEY (parent_id) REFERENCES tasks (id) ON DELETE SET NULL,
    UNIQUE (project_id, number),
    CHECK (story_points IS NULL OR story_points >= 0)
);

CREATE INDEX tasks_search_idx ON tasks USING gin (search);
CREATE INDEX tasks_tags_idx ON tasks USING gin (tags);
CREATE TRIGGER tasks_set_updated_at BEFORE UPDATE ON tasks FOR EACH ROW EXECUTE FUNCTION set_updated_at();
""", "DROP TABLE tasks;", True, False),
    ("task_labels", r"""
CREATE TABLE task_labels (task_id bigint NOT NULL REFERENCES tasks ON DELETE CASCADE, label_id integer NOT NULL REFERENCES labels ON DELETE CASCADE, PRIMARY KEY (task_id, label_id));
CREATE INDEX task_labels_label_id_idx ON task_labels (label_id)""", "DROP TABLE task_labels", False, False),
    ("task_assignees", r"""
CREATE TABLE task_assignees (
    task_id bigint NOT NULL,
    user_id bigint NOT NULL,
    assigned_at timestamptz DEFAULT now() NOT NULL,
    CONSTRAINT task_assignees_pkey PRIMARY KEY (task_id, user_id),
    CONSTRAINT task_assignees_task_fk FOREIGN KEY (task_id) REFERENCES tasks (id) ON DELETE CASCADE,
    CONSTRAINT task_assignees_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
""", "DROP TABLE task_assignees;", True, False),
    ("comments", r"""
CREATE TABLE comments (
    id bigserial,
    task_id bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    author_id bigint REFERENCES users (id) ON DELETE SET NULL,
    parent_id bigint,
    body text NOT NULL,
    body_format varchar(16) NOT NULL DEFAULT 'markdown' CHECK (body_format IN ('markdown', 'plain', 'html')),
    edited_at timestamptz,
    deleted_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    CONSTRAINT comments_pkey PRIMARY KEY (id),
    CONSTRAINT comments_parent_fk FOREIGN KEY (parent_id) REFERENCES comments (id) ON DELETE CASCADE
);
CREATE INDEX comments_task_created_idx ON comments (task_id, created_at DESC) WHERE deleted_at IS NULL;
""", "DROP TABLE comments;", True, False),
    ("reactions", r"""
CREATE TABLE reactions (
    comment_id bigint NOT NULL REFERENCES comments ON DELETE CASCADE,
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    emoji varchar(32) NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (comment_id, user_id, emoji)
);""", "DROP TABLE reactions;", True, False),
    ("attachments", r"""
CREATE TABLE attachments (
    id uuid DEFAULT gen_random_uuid() NOT NULL PRIMARY KEY,
    task_id bigint REFERENCES tasks ON DELETE CASCADE,
    comment_id bigint REFERENCES comments ON DELETE CASCADE,
    uploaded_by bigint REFERENCES users ON DELETE SET NULL,
    file_name text NOT NULL,
    content_type varchar(255) NOT NULL DEFAULT 'application/octet-stream',
    byte_size bigint NOT NULL CHECK (byte_size >= 0),
    checksum bytea NOT NULL,
    storage_key text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT attachments_one_owner CHECK (num_nonnulls(task_id, comment_id) = 1)
);
""", "DROP TABLE attachments;", True, False),
    ("checklists", r"""
CREATE TABLE checklists (
    id serial PRIMARY KEY,
    task_id bigint NOT NULL REFERENCES tasks ON DELETE CASCADE,
    title varchar(200) NOT NULL DEFAULT 'Checklist'
);
CREATE TABLE checklist_items (
    id serial PRIMARY KEY,
    checklist_id integer NOT NULL REFERENCES checklists ON DELETE CASCADE,
    body varchar(500) NOT NULL,
    done boolean NOT NULL DEFAULT false,
    position smallint NOT NULL DEFAULT 0
);
""", "DROP TABLE checklist_items;\nDROP TABLE checklists;", True, False),
    ("milestones", r"""
CREATE TABLE milestones (
    id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    project_id bigint NOT NULL REFERENCES projects ON DELETE CASCADE,
    title varchar(200) NOT NULL,
    due_on date,
    closed_at timestamptz,
    UNIQUE (project_id, title)
);
ALTER TABLE tasks ADD COLUMN milestone_id integer REFERENCES milestones ON DELETE SET NULL;
""", "ALTER TABLE tasks DROP COLUMN milestone_id;\nDROP TABLE milestones;", True, False),
    ("sprints", r"""
CREATE TABLE sprints (
    id serial PRIMARY KEY,
    project_id bigint NOT NULL REFERENCES projects ON DELETE CASCADE,
    name varchar(80) NOT NULL,
    period tstzrange NOT NULL,
    goal text,
    -- two sprints of one project never overlap (needs btree_gist for the = on project_id)
    CONSTRAINT sprints_no_overlap EXCLUDE USING gist (project_id WITH =, period WITH &&)
);
CREATE TABLE sprint_tasks (
    sprint_id integer NOT NULL REFERENCES sprints ON DELETE CASCADE,
    task_id bigint NOT NULL REFERENCES tasks ON DELETE CASCADE,
    PRIMARY KEY (sprint_id, task_id)
);
""", "DROP TABLE sprint_tasks;\nDROP TABLE sprints;", True, False),
    ("time_entries", r"""
CREATE TABLE time_entries (
    id bigserial PRIMARY KEY,
    task_id bigint NOT NULL REFERENCES tasks ON DELETE CASCADE,
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    started_at timestamptz NOT NULL,
    minutes integer NOT NULL CHECK (minutes > 0 AND minutes <= 24 * 60),
    billable boolean NOT NULL DEFAULT true,
    hourly_rate numeric(8,2),
    note text
);
CREATE INDEX time_entries_user_started_idx ON time_entries (user_id, started_at DESC);
""", "DROP TABLE time_entries;", True, False),
    ("audit_logs", r"""
-- Partitioned by month in production; here a default partition catches everything and
-- ensure_audit_partition() (a later migration) adds monthly ones.
CREATE TABLE audit_logs (
    id bigint GENERATED BY DEFAULT AS IDENTITY,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    actor text,
    action text NOT NULL,
    target_table text NOT NULL,
    payload jsonb,
    ip inet,
    PRIMARY KEY (id, occurred_at)
) PARTITION BY RANGE (occurred_at);

CREATE TABLE audit_logs_default PARTITION OF audit_logs DEFAULT;
CREATE TABLE audit_logs_2024 PARTITION OF audit_logs FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE INDEX audit_logs_target_idx ON audit_logs (target_table, occurred_at);
""", "DROP TABLE audit_logs_2024;\nDROP TABLE audit_logs_default;\nDROP TABLE audit_logs;", False, False),
    ("settings", r"""
CREATE TABLE settings (
    key varchar(100) PRIMARY KEY,
    value text,
    value_type varchar(10) NOT NULL DEFAULT 'string',
    description text,
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT settings_key_format CHECK (key ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$'),
    CONSTRAINT settings_value_type_check CHECK (value_type = ANY (ARRAY['string'::varchar, 'integer'::varchar, 'boolean'::varchar, 'json'::varchar]))
);
""", "DROP TABLE settings;", True, False),
    ("user_settings", r"""
CREATE TABLE user_settings (
    user_id bigint PRIMARY KEY REFERENCES users ON DELETE CASCADE,
    theme varchar(10) NOT NULL DEFAULT 'system',
    week_starts_on smallint NOT NULL DEFAULT 1,
    email_digest varchar(10) NOT NULL DEFAULT 'daily',
    shortcuts jsonb NOT NULL DEFAULT '[]',
    CHECK (week_starts_on BETWEEN 0 AND 6)
);
""", "DROP TABLE user_settings;", True, False),
    ("notifications", r"""
CREATE TABLE notifications (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    kind varchar(40) NOT NULL,
    subject_type varchar(40),
    subject_id bigint,
    payload jsonb NOT NULL DEFAULT '{}',
    read_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notifications_unread_idx ON notifications (user_id, created_at DESC) WHERE read_at IS NULL;
""", "DROP TABLE notifications;", True, False),
    ("webhooks", r"""
CREATE TABLE webhooks (
    id serial PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts ON DELETE CASCADE,
    url text NOT NULL CHECK (url ~ '^https?://'),
    secret bytea NOT NULL DEFAULT gen_random_bytes(32),
    events text[] NOT NULL DEFAULT ARRAY['task.created', 'task.updated']::text[],
    active boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE webhook_deliveries (
    id bigserial PRIMARY KEY,
    webhook_id integer NOT NULL REFERENCES webhooks ON DELETE CASCADE,
    event varchar(60) NOT NULL,
    request_body jsonb NOT NULL,
    response_status smallint,
    response_body text,
    attempt smallint NOT NULL DEFAULT 1,
    delivered_at timestamptz
);
CREATE INDEX webhook_deliveries_pending_idx ON webhook_deliveries (webhook_id) WHERE delivered_at IS NULL;
""", "DROP TABLE webhook_deliveries;\nDROP TABLE webhooks;", True, False),
    ("api_tokens", r"""
CREATE TABLE api_tokens (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    name varchar(80) NOT NULL,
    token_digest bytea NOT NULL UNIQUE,
    scopes text[] NOT NULL DEFAULT '{read}',
    last_used_at timestamptz,
    expires_at timestamptz,
    revoked_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (expires_at IS NULL OR expires_at > created_at)
);
""", "DROP TABLE api_tokens;", True, False),
    ("sessions", r"""
CREATE UNLOGGED TABLE sessions (
    id varchar(64) PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    data bytea,
    user_agent text,
    ip inet,
    expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_expires_at_idx ON sessions USING brin (expires_at);
""", "DROP TABLE sessions;", True, False),
    ("invitations", r"""
CREATE TABLE invitations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    account_id uuid NOT NULL REFERENCES accounts ON DELETE CASCADE,
    email email_address NOT NULL,
    role member_role NOT NULL DEFAULT 'member',
    token text NOT NULL DEFAULT encode(gen_random_bytes(24), 'hex'),
    invited_by bigint REFERENCES users ON DELETE SET NULL,
    accepted_at timestamptz,
    expires_at timestamptz NOT NULL DEFAULT now() + interval '14 days'
);
CREATE UNIQUE INDEX invitations_open_email_key ON invitations (account_id, lower(email::text)) WHERE accepted_at IS NULL;
""", "DROP TABLE invitations;", True, False),
    ("saved_filters", r"""
CREATE TABLE saved_filters (
    id serial PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    project_id bigint REFERENCES projects ON DELETE CASCADE,
    name varchar(100) NOT NULL,
    query jsonb NOT NULL,
    shared boolean NOT NULL DEFAULT false
);
""", "DROP TABLE saved_filters;", True, False),
    ("custom_fields", r"""
CREATE TABLE custom_fields (
    id serial PRIMARY KEY,
    project_id bigint NOT NULL REFERENCES projects ON DELETE CASCADE,
    name varchar(60) NOT NULL,
    field_type varchar(12) NOT NULL,
    options jsonb,
    required boolean NOT NULL DEFAULT false,
    CONSTRAINT custom_fields_type_check CHECK (field_type IN ('text', 'number', 'date', 'select', 'multi_select', 'user')),
    CONSTRAINT custom_fields_options_check CHECK ((field_type IN ('select', 'multi_select')) = (options IS NOT NULL))
);
CREATE TABLE custom_field_values (
    task_id bigint NOT NULL REFERENCES tasks ON DELETE CASCADE,
    field_id integer NOT NULL REFERENCES custom_fields ON DELETE CASCADE,
    value jsonb NOT NULL,
    PRIMARY KEY (task_id, field_id)
);
""", "DROP TABLE custom_field_values;\nDROP TABLE custom_fields;", True, False),
    ("integrations", r"""
CREATE TABLE integrations (
    id serial PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts ON DELETE CASCADE,
    provider varchar(30) NOT NULL,
    config jsonb NOT NULL DEFAULT '{}',
    credentials bytea,
    enabled boolean NOT NULL DEFAULT true,
    UNIQUE (account_id, provider)
);
""", "DROP TABLE integrations;", True, False),
    ("plans", r"""
CREATE TABLE plans (
    code varchar(32) PRIMARY KEY,
    name varchar(60) NOT NULL,
    monthly_price numeric(10,2) NOT NULL,
    yearly_price numeric(10,2) GENERATED ALWAYS AS (round(monthly_price * 12 * 0.85, 2)) STORED,
    features jsonb NOT NULL DEFAULT '{}',
    public boolean NOT NULL DEFAULT true
);
""", "DROP TABLE plans;", True, False),
    ("subscriptions", r"""
CREATE TABLE subscriptions (
    id bigserial PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts ON DELETE CASCADE,
    plan_code varchar(32) NOT NULL REFERENCES plans (code) ON UPDATE CASCADE,
    seats integer NOT NULL DEFAULT 1,
    current_period tstzrange NOT NULL,
    canceled_at timestamptz,
    provider_ref text
);
CREATE INDEX subscriptions_period_idx ON subscriptions USING gist (current_period);
""", "DROP TABLE subscriptions;", True, False),
    ("invoices", r"""
CREATE TABLE invoices (
    id bigserial PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts ON DELETE RESTRICT,
    number bigint NOT NULL DEFAULT nextval('invoice_number_seq') UNIQUE,
    currency char(3) NOT NULL DEFAULT 'EUR' CHECK (currency ~ '^[A-Z]{3}$'),
    total money_amount,
    issued_on date NOT NULL DEFAULT CURRENT_DATE,
    paid_at timestamptz,
    pdf bytea
);
CREATE TABLE invoice_lines (
    id bigserial PRIMARY KEY,
    invoice_id bigint NOT NULL REFERENCES invoices ON DELETE CASCADE,
    description text NOT NULL,
    quantity numeric(10,3) NOT NULL DEFAULT 1,
    unit_price numeric(12,4) NOT NULL,
    amount numeric(14,2) GENERATED ALWAYS AS (round(quantity * unit_price, 2)) STORED
);
""", "DROP TABLE invoice_lines;\nDROP TABLE invoices;", True, False),
    ("feature_flags", r"""
CREATE TABLE feature_flags (
    name varchar(80) PRIMARY KEY,
    enabled boolean NOT NULL DEFAULT false,
    rollout_percent smallint NOT NULL DEFAULT 0 CHECK (rollout_percent BETWEEN 0 AND 100),
    allow_accounts uuid[] NOT NULL DEFAULT '{}',
    description text
);
""", "DROP TABLE feature_flags;", True, False),
    ("email_outbox", r"""
CREATE TABLE email_outbox (
    id bigserial PRIMARY KEY,
    to_address email_address NOT NULL,
    subject varchar(255) NOT NULL,
    body_text text NOT NULL,
    body_html text,
    headers jsonb,
    attempts smallint NOT NULL DEFAULT 0,
    send_after timestamptz NOT NULL DEFAULT now(),
    sent_at timestamptz
);
""", "DROP TABLE email_outbox;", True, False),
    ("import_jobs", r"""
CREATE TABLE import_jobs (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    account_id uuid NOT NULL REFERENCES accounts ON DELETE CASCADE,
    source varchar(20) NOT NULL,
    status varchar(12) NOT NULL DEFAULT 'queued',
    file_path text,
    total_rows integer,
    processed_rows integer NOT NULL DEFAULT 0,
    errors jsonb NOT NULL DEFAULT '[]',
    started_at timestamptz,
    finished_at timestamptz,
    CONSTRAINT import_jobs_status_check CHECK (status IN ('queued', 'running', 'failed', 'done')),
    CONSTRAINT import_jobs_progress_check CHECK (total_rows IS NULL OR processed_rows <= total_rows)
);
""", "DROP TABLE import_jobs;", True, False),
    ("reminders", r"""
CREATE TABLE reminders (
    id bigserial PRIMARY KEY,
    task_id bigint NOT NULL REFERENCES tasks ON DELETE CASCADE,
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    remind_at timestamptz NOT NULL,
    sent boolean NOT NULL DEFAULT false
);
CREATE INDEX reminders_due_idx ON reminders (remind_at) WHERE NOT sent;
""", "DROP TABLE reminders;", True, False),
    ("watchers", r"""
CREATE TABLE watchers (task_id bigint NOT NULL REFERENCES tasks ON DELETE CASCADE, user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE, since timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (task_id, user_id));
CREATE TABLE favorites (user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE, project_id bigint NOT NULL REFERENCES projects ON DELETE CASCADE, position smallint NOT NULL DEFAULT 0, PRIMARY KEY (user_id, project_id));
""", "DROP TABLE favorites; DROP TABLE watchers;", True, False),
    ("login_attempts", r"""
CREATE TABLE login_attempts (
    id bigserial PRIMARY KEY,
    email citext NOT NULL,
    ip inet NOT NULL,
    network cidr GENERATED ALWAYS AS (set_masklen(network(set_masklen(ip, 24)), 24)::cidr) STORED,
    succeeded boolean NOT NULL,
    attempted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempts_ip_idx ON login_attempts USING gist (ip inet_ops);
""", "DROP TABLE login_attempts;", True, False),
    ("documents", r"""
CREATE TABLE documents (
    id bigserial PRIMARY KEY,
    project_id bigint NOT NULL REFERENCES projects ON DELETE CASCADE,
    title varchar(300) NOT NULL,
    body text NOT NULL DEFAULT '',
    published boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE document_revisions (
    id bigserial PRIMARY KEY,
    document_id bigint NOT NULL REFERENCES documents ON DELETE CASCADE,
    revision integer NOT NULL,
    body text NOT NULL,
    author_id bigint REFERENCES users ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (document_id, revision)
);
CREATE TRIGGER documents_set_updated_at BEFORE UPDATE ON documents FOR EACH ROW EXECUTE FUNCTION set_updated_at();
""", "DROP TABLE document_revisions;\nDROP TABLE documents;", True, False),
    ("automations", r"""
CREATE TABLE automations (
    id serial PRIMARY KEY,
    project_id bigint NOT NULL REFERENCES projects ON DELETE CASCADE,
    name varchar(120) NOT NULL,
    trigger_event varchar(40) NOT NULL,
    conditions jsonb NOT NULL DEFAULT '[]',
    actions jsonb NOT NULL,
    enabled boolean NOT NULL DEFAULT true
);
CREATE TABLE automation_runs (
    id bigserial PRIMARY KEY,
    automation_id integer NOT NULL REFERENCES automations ON DELETE CASCADE,
    task_id bigint REFERENCES tasks ON DELETE SET NULL,
    outcome varchar(10) NOT NULL CHECK (outcome IN ('ok', 'skipped', 'error')),
    message text,
    ran_at timestamptz NOT NULL DEFAULT now()
);
""", "DROP TABLE automation_runs;\nDROP TABLE automations;", True, False),
    ("goals", r"""
CREATE TABLE goals (
    id serial PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts ON DELETE CASCADE,
    parent_id integer REFERENCES goals ON DELETE CASCADE,
    title text NOT NULL,
    target_value numeric,
    current_value numeric NOT NULL DEFAULT 0,
    due_on date
);
""", "DROP TABLE goals;", True, False),
    ("dashboards", r"""
CREATE TABLE dashboards (
    id serial PRIMARY KEY,
    owner_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    name varchar(100) NOT NULL,
    layout jsonb NOT NULL DEFAULT '{"columns": 12}'::jsonb
);
CREATE TABLE widgets (
    id serial PRIMARY KEY,
    dashboard_id integer NOT NULL REFERENCES dashboards ON DELETE CASCADE,
    kind varchar(30) NOT NULL,
    config jsonb NOT NULL DEFAULT '{}',
    x smallint NOT NULL DEFAULT 0,
    y smallint NOT NULL DEFAULT 0,
    w smallint NOT NULL DEFAULT 4 CHECK (w BETWEEN 1 AND 12),
    h smallint NOT NULL DEFAULT 3
);
""", "DROP TABLE widgets;\nDROP TABLE dashboards;", True, False),
    ("calendar_events", r"""
CREATE TABLE calendar_events (
    id bigserial PRIMARY KEY,
    project_id bigint NOT NULL REFERENCES projects ON DELETE CASCADE,
    title varchar(200) NOT NULL,
    starts_at timestamptz NOT NULL,
    ends_at timestamptz NOT NULL,
    all_day boolean NOT NULL DEFAULT false,
    recurrence text,
    location point,
    CONSTRAINT calendar_events_order CHECK (ends_at >= starts_at)
);
CREATE TABLE event_attendees (
    event_id bigint NOT NULL REFERENCES calendar_events ON DELETE CASCADE,
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    response char(1) NOT NULL DEFAULT '?' CHECK (response IN ('?', 'y', 'n', 'm')),
    PRIMARY KEY (event_id, user_id)
);
""", "DROP TABLE event_attendees;\nDROP TABLE calendar_events;", True, False),
    ("mentions", r"""
CREATE TABLE mentions (
    id bigserial PRIMARY KEY,
    comment_id bigint NOT NULL REFERENCES comments ON DELETE CASCADE,
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    seen boolean NOT NULL DEFAULT false
);""", "DROP TABLE mentions;", True, False),
    ("rate_limits", r"""
CREATE UNLOGGED TABLE rate_limits (
    bucket text NOT NULL,
    window_start timestamptz NOT NULL,
    hits integer NOT NULL DEFAULT 0,
    PRIMARY KEY (bucket, window_start)
) WITH (fillfactor = 70);
""", "DROP TABLE rate_limits;", True, False),
    ("ip_allowlist", r"""
CREATE TABLE ip_allowlist (
    id serial PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts ON DELETE CASCADE,
    network cidr NOT NULL,
    label varchar(80),
    EXCLUDE USING gist (account_id WITH =, network inet_ops WITH &&)
);
""", "DROP TABLE ip_allowlist;", True, False),
    ("export_jobs", r"""
CREATE TABLE export_jobs (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    account_id uuid NOT NULL REFERENCES accounts ON DELETE CASCADE,
    format varchar(8) NOT NULL DEFAULT 'csv',
    filters jsonb,
    file_key text,
    requested_by bigint REFERENCES users ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz
);
""", "DROP TABLE export_jobs;", True, False),
    ("retention_policies", r"""
CREATE TABLE retention_policies (
    id serial PRIMARY KEY,
    account_id uuid NOT NULL UNIQUE REFERENCES accounts ON DELETE CASCADE,
    keep_comments interval NOT NULL DEFAULT '5 years',
    keep_audit_logs interval NOT NULL DEFAULT interval '400 days',
    keep_deleted interval NOT NULL DEFAULT '30 days'::interval
);
""", "DROP TABLE retention_policies;", True, False),
    ("user_devices", r"""
CREATE TABLE user_devices (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    platform varchar(10) NOT NULL CHECK (platform IN ('ios', 'android', 'web', 'desktop')),
    push_token text NOT NULL,
    app_version varchar(20),
    last_seen_at timestamptz,
    UNIQUE (platform, push_token)
);
""", "DROP TABLE user_devices;", True, False),
    ("pinned_items", r"""
CREATE TABLE pinned_items (
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    item_type varchar(20) NOT NULL,
    item_id bigint NOT NULL,
    pinned_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, item_type, item_id)
);
""", "DROP TABLE pinned_items;", True, False),
]

# Migrations placed right after the named table's create migration: (name, up, down, no_tx).
PG_AFTER = {
    "users": [
        ("index_users_on_lower_display_name", r"""
-- Built without blocking writes, so this migration runs outside a transaction.
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_lower_display_name_idx ON users (lower(display_name) text_pattern_ops);
""", r"""
DROP INDEX CONCURRENTLY IF EXISTS users_lower_display_name_idx;
""", True),
    ],
    "projects": [
        ("create_slugify_function", r"""
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
""", "DROP FUNCTION slugify(text);", False),
    ],
    "tasks": [
        ("create_task_number_functions", r"""
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
""", r"""
DROP TRIGGER IF EXISTS tasks_assign_number ON public.tasks;
DROP FUNCTION IF EXISTS public.tasks_assign_number();
DROP FUNCTION IF EXISTS public.next_task_number(bigint);
""", False),
    ],
    "comments": [
        ("add_comments_count_to_tasks", r"""
ALTER TABLE tasks ADD COLUMN comments_count integer NOT NULL DEFAULT 0;

CREATE FUNCTION bump_comments_count() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
    IF (TG_OP = 'INSERT') THEN
        UPDATE tasks SET comments_count = comments_count + 1 WHERE id = NEW.task_id;
    ELSIF (TG_OP = 'DELETE') THEN
        UPDATE tasks SET comments_count = greatest(comments_count - 1, 0) WHERE id = OLD.task_id;
    END IF;
    RETURN NULL; -- the result is ignored: this is an AFTER trigger
END;
$body$;

CREATE TRIGGER comments_count AFTER INSERT OR DELETE ON comments
    FOR EACH ROW EXECUTE FUNCTION bump_comments_count();
""", r"""
DROP TRIGGER comments_count ON comments;
DROP FUNCTION bump_comments_count();
ALTER TABLE tasks DROP COLUMN comments_count;
""", False),
    ],
    "audit_logs": [
        ("create_audit_trigger_function", r"""
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
""", r"""
DROP TRIGGER accounts_audit ON accounts;
DROP TRIGGER projects_audit ON projects;
DROP FUNCTION audit_row_change();
""", False),
        ("create_ensure_audit_partition_function", r"""
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
""", r"""
DROP TABLE IF EXISTS audit_logs_2031_01;
DROP FUNCTION ensure_audit_partition(date);
""", False),
        ("create_sql_standard_routines", r"""
-- SQL-standard bodies (PostgreSQL 14+): checked at creation, no dollar quotes.
CREATE FUNCTION task_is_overdue(due timestamptz, done timestamptz) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT CASE
        WHEN done IS NOT NULL THEN false
        WHEN due IS NULL THEN false
        ELSE due < now()
    END;
END;

CREATE PROCEDURE close_stale_backlog(grace interval DEFAULT '90 days')
    LANGUAGE sql
BEGIN ATOMIC
    UPDATE tasks SET state = 'WONT_DO', completed_at = now()
     WHERE completed_at IS NULL AND state = 'BACKLOG' AND updated_at < now() - grace;
    INSERT INTO audit_logs (action, target_table, payload)
    VALUES ('close_stale_backlog', 'tasks', jsonb_build_object('grace', grace::text));
END
""", r"""
DROP PROCEDURE close_stale_backlog(interval);
DROP FUNCTION task_is_overdue(timestamptz, timestamptz);
""", False),
    ],
    "webhooks": [
        ("create_task_notify_trigger", r"""
CREATE FUNCTION notify_task_change() RETURNS trigger LANGUAGE plpgsql AS $notify$
BEGIN
    PERFORM pg_notify('task_events', json_build_object(
        'op', lower(TG_OP),
        'id', NEW.id,
        'note', E'it\'s a "task"; payload \\ escaped'
    )::text);
    RETURN NEW;
END;
$notify$;
CREATE TRIGGER tasks_notify AFTER INSERT OR UPDATE OF state, priority ON tasks
    FOR EACH ROW WHEN (pg_trigger_depth() < 1) EXECUTE FUNCTION notify_task_change();
""", r"""
DROP TRIGGER tasks_notify ON tasks;
DROP FUNCTION notify_task_change();
""", False),
    ],
    "invoices": [
        ("create_invoice_total_function", r"""
CREATE FUNCTION public.invoice_total(bigint) RETURNS numeric
    LANGUAGE sql STABLE
    AS $_$
    SELECT coalesce(sum(amount), 0) FROM public.invoice_lines WHERE invoice_id = $1;
$_$;
""", "DROP FUNCTION public.invoice_total(bigint);", False),
    ],
    "documents": [
        ("create_document_revision_trigger", r"""
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
""", r"""
DROP TRIGGER documents_keep_revision ON documents;
DROP FUNCTION documents_keep_revision();
""", False),
    ],
    "sprints": [
        ("check_sprint_data", r"""
DO $$
DECLARE
    missing integer;
BEGIN
    SELECT count(*) INTO missing FROM users WHERE display_name = '';
    IF missing > 0 THEN
        RAISE NOTICE 'users without a display name: % (they''ll see their e-mail; that''s expected)', missing;
    END IF;
END $$;
""", "-- nothing to undo: the up section only reports", False),
    ],
}

# Migrations after every table exists, interleaved with the remaining generated ALTER steps.
PG_LATE = [
    ("index_tasks_open_by_due_date", r"""
CREATE INDEX CONCURRENTLY tasks_open_due_idx ON tasks (project_id, due_at) WHERE completed_at IS NULL;
""", "DROP INDEX CONCURRENTLY tasks_open_due_idx;", True),
    ("index_tasks_priority", r"""
CREATE INDEX tasks_priority_due_idx ON tasks (priority DESC, due_at ASC NULLS LAST);
CREATE INDEX tasks_parent_id_idx ON tasks (parent_id) WHERE parent_id IS NOT NULL
""", "DROP INDEX tasks_parent_id_idx;\nDROP INDEX tasks_priority_due_idx;", False),
    ("index_api_tokens_name", r"""
-- nolint:concurrentIndex (this table is tiny)
CREATE UNIQUE INDEX CONCURRENTLY api_tokens_active_name_key ON api_tokens (user_id, lower(name)) WHERE revoked_at IS NULL;
""", "DROP INDEX CONCURRENTLY IF EXISTS api_tokens_active_name_key;", True),
    ("index_comments_body_trigram", r"""
CREATE INDEX CONCURRENTLY IF NOT EXISTS comments_body_trgm_idx ON comments USING gin (body gin_trgm_ops);
CREATE INDEX CONCURRENTLY IF NOT EXISTS notifications_payload_idx ON notifications USING gin (payload jsonb_path_ops);
""", "DROP INDEX CONCURRENTLY IF EXISTS notifications_payload_idx;\nDROP INDEX CONCURRENTLY IF EXISTS comments_body_trgm_idx;", True),
    ("index_time_entries_task_covering", r"""
CREATE INDEX CONCURRENTLY IF NOT EXISTS time_entries_task_idx ON time_entries (task_id) INCLUDE (minutes, billable)""",
     "DROP INDEX CONCURRENTLY IF EXISTS time_entries_task_idx", True),
    ("index_attachments_and_webhooks", r"""
CREATE INDEX attachments_task_id_idx ON public.attachments USING btree (task_id) WITH (fillfactor='90');
CREATE INDEX webhooks_events_idx ON public.webhooks USING gin (events);
CREATE INDEX projects_name_trgm_idx ON public.projects USING gist (name gist_trgm_ops);
""", "DROP INDEX public.projects_name_trgm_idx;\nDROP INDEX public.webhooks_events_idx;\nDROP INDEX public.attachments_task_id_idx;", False),
    ("index_accounts_ui_settings", r"""
-- Formatted the way sqlfluff formats it: binary operators lead the continuation line.
CREATE INDEX CONCURRENTLY IF NOT EXISTS accounts_ui_theme_idx
    ON accounts ((settings
        #>> '{ui,theme}'));
CREATE INDEX CONCURRENTLY IF NOT EXISTS accounts_trial_ends_idx ON accounts (trial_ends_at) WHERE status = 'trial';
""", r"""
DROP INDEX CONCURRENTLY IF EXISTS accounts_trial_ends_idx;
DROP INDEX CONCURRENTLY IF EXISTS accounts_ui_theme_idx;
""", True),
    ("index_users_active", r"""
CREATE INDEX users_active_idx ON users (account_id) WHERE deleted_at IS NULL AND NOT is_admin;CREATE INDEX IF NOT EXISTS accounts_plan_idx ON accounts (plan_code) WHERE status <> 'closed';
""", "DROP INDEX accounts_plan_idx; DROP INDEX users_active_idx;", False),
    ("add_archived_value_to_account_status", r"""
-- Enum values cannot be removed again; the down is empty on purpose (the type itself goes
-- away when create_enum_types is rolled back).
ALTER TYPE account_status ADD VALUE IF NOT EXISTS 'archived' AFTER 'closed';
""", "-- irreversible: PostgreSQL cannot drop an enum value", False),
    ("rename_urgent_priority", r"""
ALTER TYPE "TaskPriority" RENAME VALUE 'URGENT' TO 'CRITICAL';
""", r"""
ALTER TYPE "TaskPriority" RENAME VALUE 'CRITICAL' TO 'URGENT';
""", False),
    ("rename_reminders_to_task_reminders", r"""
ALTER TABLE reminders RENAME TO task_reminders;
ALTER SEQUENCE reminders_id_seq RENAME TO task_reminders_id_seq;
ALTER INDEX reminders_pkey RENAME TO task_reminders_pkey;
ALTER INDEX reminders_due_idx RENAME TO task_reminders_due_idx;
""", r"""
ALTER INDEX task_reminders_due_idx RENAME TO reminders_due_idx;
ALTER INDEX task_reminders_pkey RENAME TO reminders_pkey;
ALTER SEQUENCE task_reminders_id_seq RENAME TO reminders_id_seq;
ALTER TABLE task_reminders RENAME TO reminders;
""", False),
    ("backfill_user_locales", r"""
-- Written for dbmate/golang-migrate, which do not wrap files in a transaction: the file
-- brings its own BEGIN/COMMIT, so dbm runs it outside one.
BEGIN;
ALTER TABLE users ADD COLUMN preferred_language varchar(35);
UPDATE users SET preferred_language = replace(locale, '_', '-') WHERE preferred_language IS NULL;
ALTER TABLE users ALTER COLUMN preferred_language SET DEFAULT 'en';
COMMIT;
""", r"""
BEGIN;
ALTER TABLE users DROP COLUMN preferred_language;
COMMIT;
""", True),
    ("enable_row_level_security", r"""
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE tasks ENABLE ROW LEVEL SECURITY;

-- The application sets orbit.account_id per request; superusers bypass RLS anyway.
CREATE POLICY projects_by_account ON projects
    USING (account_id = nullif(current_setting('orbit.account_id', true), '')::uuid);
CREATE POLICY "Tasks follow their project" ON tasks FOR ALL
    USING (EXISTS (SELECT 1 FROM projects p WHERE p.id = tasks.project_id))
    WITH CHECK (EXISTS (SELECT 1 FROM projects p WHERE p.id = tasks.project_id));
""", r"""
DROP POLICY "Tasks follow their project" ON tasks;
DROP POLICY projects_by_account ON projects;
ALTER TABLE tasks DISABLE ROW LEVEL SECURITY;
ALTER TABLE projects DISABLE ROW LEVEL SECURITY;
""", False),
    ("create_open_tasks_view", r"""
CREATE OR REPLACE VIEW open_tasks AS
 SELECT t.id,
    t.project_id,
    (p.key::text || '-'::text) || t.number AS reference,
    t.title,
    t.priority,
    t.due_at,
    task_is_overdue(t.due_at, t.completed_at) AS overdue
   FROM tasks t
     JOIN projects p ON p.id = t.project_id
  WHERE t.state <> ALL (ARRAY['DONE'::"TaskState", 'WONT_DO'::"TaskState"]);
""", "DROP VIEW open_tasks;", False),
    ("create_account_preferences_view", r"""
create view account_preferences as
select
    a.id as account_id,
    a.settings #>> '{ui,theme}' as theme,
    a.settings
    #>> '{ui,density}' as density,
    coalesce(a.settings ->> 'week_start', 'monday') as week_start,
    a.settings ? 'beta' as beta_opt_in
from accounts as a;
""", "drop view account_preferences;", False),
    ("create_project_stats_materialized_view", r"""
CREATE MATERIALIZED VIEW project_stats AS
SELECT p.id AS project_id,
       count(t.id) AS tasks_total,
       count(t.id) FILTER (WHERE t.state = 'DONE') AS tasks_done,
       coalesce(sum(te.minutes), 0) AS minutes_logged
  FROM projects p
  LEFT JOIN tasks t ON t.project_id = p.id
  LEFT JOIN time_entries te ON te.task_id = t.id
 GROUP BY p.id
WITH NO DATA;

CREATE UNIQUE INDEX project_stats_project_id_idx ON project_stats (project_id);
REFRESH MATERIALIZED VIEW project_stats;
""", "DROP MATERIALIZED VIEW project_stats;", False),
    ("create_active_users_view", r"""
CREATE VIEW active_users WITH (security_barrier = true) AS
    SELECT id, account_id, email, display_name, last_seen_at
      FROM users
     WHERE deleted_at IS NULL
    WITH LOCAL CHECK OPTION;
""", "DROP VIEW active_users;", False),
    ("create_feature_flag_views", r"""
-- Flags named feature_* gate features; everything else is a kill switch. The LIKE needs an
-- escape character for the underscore, and the habit here is a backslash.
CREATE VIEW feature_flag_overview AS
SELECT name,
       enabled,
       rollout_percent,
       name LIKE 'feature\_%' ESCAPE '\' AS is_feature
  FROM feature_flags;
COMMENT ON VIEW feature_flag_overview IS 'Flags named feature_*; the rest are kill switches.';

CREATE VIEW kill_switches AS
SELECT name, enabled FROM feature_flags WHERE name NOT LIKE 'feature\_%' ESCAPE '\';
""", r"""
DROP VIEW kill_switches;
DROP VIEW feature_flag_overview;
""", False),
    ("comment_on_core_tables", r"""
COMMENT ON TABLE accounts IS 'Tenants; everything else hangs off an account.';
COMMENT ON TABLE tasks IS 'Work items. "Issues" in the old UI; don''t rename again.';
COMMENT ON COLUMN tasks.estimate IS E'Planned effort as an interval, e.g. \'2 hours\'.\nNULL means "not estimated".';
COMMENT ON COLUMN tasks.position IS U&'Sort key within a board column (\00AB lower first \00BB)';
COMMENT ON COLUMN tasks.tags IS U&'Free-form tags !2014 lower case, no spaces' UESCAPE '!';
COMMENT ON COLUMN tasks.search IS $$Generated from title || ' ' || body; never write to it$$;
COMMENT ON TYPE "TaskState" IS 'Workflow states; WONT_DO and DONE are terminal';
COMMENT ON FUNCTION set_updated_at() IS 'Trigger: updated_at := now() when a row really changes';
COMMENT ON DOMAIN email_address IS $c$Loose check; see the note in create_domains$c$
""", r"""
COMMENT ON DOMAIN email_address IS NULL;
COMMENT ON FUNCTION set_updated_at() IS NULL;
COMMENT ON TYPE "TaskState" IS NULL;
COMMENT ON COLUMN tasks.search IS NULL;
COMMENT ON COLUMN tasks.tags IS NULL;
COMMENT ON COLUMN tasks.position IS NULL;
COMMENT ON COLUMN tasks.estimate IS NULL;
COMMENT ON TABLE tasks IS NULL;
COMMENT ON TABLE accounts IS NULL;
""", False),
    ("comment_on_billing_tables", r"""
/*
 * Billing documentation lives next to the schema.
 * /* Nested comments are fine in PostgreSQL; this one has a ; and a ' in it */
 */
COMMENT ON TABLE invoices IS 'Issued invoices; amounts in the invoice''s currency';
COMMENT ON COLUMN invoices.number IS E'Gap-free? No: it\'s a sequence, gaps happen.';
COMMENT ON COLUMN invoice_lines.amount IS 'quantity × unit_price, rounded to cents';
COMMENT ON TABLE plans IS 'Price list; yearly_price is derived (15 % off)'
""", r"""
COMMENT ON TABLE plans IS NULL;
COMMENT ON COLUMN invoice_lines.amount IS NULL;
COMMENT ON COLUMN invoices.number IS NULL;
COMMENT ON TABLE invoices IS NULL;
""", False),
    ("seed_plans", r"""
INSERT INTO plans (code, name, monthly_price, features) VALUES
    ('free', 'Free', 0, '{"projects": 3, "seats": 5}'),
    ('team', 'Team', 8.00, '{"projects": null, "seats": 50}'),
    ('business', 'Business', 16.50, '{"sso": true, "audit": true, "note": "it''s the \"big\" one"}');
""", "DELETE FROM plans WHERE code IN ('free', 'team', 'business');", False),
    ("seed_settings", r"""
INSERT INTO settings (key, value, value_type, description) VALUES
  ('mail.from', 'Orbit <no-reply@orbit.example>', 'string', 'Sender of system mail'),
  ('mail.footer', 'You''re receiving this because you''re a member; unsubscribe any time.', 'string', NULL),
  ('export.csv_separator', ';', 'string', 'Field separator for CSV exports'),
  ('export.csv_quote', '"', 'string', NULL),
  ('import.unc_pattern', E'\\\\fileserver\\orbit\\*.csv', 'string', 'UNC path, written as an E-string'),
  ('ui.greeting', E'Hello,\n\tit\'s nice to see you', 'string', NULL),
  ('ui.unicode_sample', U&'caf\00E9 \+01F680', 'string', NULL),
  ('ui.max_upload_mb', '25', 'integer', NULL),
  ('templates.welcome', $tpl$Hi {{name}}; welcome to {{account}}! Reply "stop" to opt out.$tpl$, 'string', 'Dollar-quoted template');
INSERT INTO settings (key, value, description) VALUES ('storage.windows_root', 'C:\Orbit\data\', 'Where the Windows agent keeps files');
INSERT INTO settings (key, value, description) VALUES ('search.tokenizer_pattern', '[\s,;]+', 'Splits search input; a backslash class, no E-string needed')
""", r"""
DELETE FROM settings
 WHERE key IN ('mail.from', 'mail.footer', 'export.csv_separator', 'export.csv_quote',
               'import.unc_pattern', 'ui.greeting', 'ui.unicode_sample', 'ui.max_upload_mb',
               'templates.welcome', 'storage.windows_root', 'search.tokenizer_pattern');
""", False),
    ("seed_feature_flags", r"""
insert into feature_flags (name, enabled, rollout_percent, description) values ('feature_timeline', true, 100, 'Timeline view');
insert into feature_flags (name, enabled, rollout_percent, description) values ('feature_ai_summaries', false, 5, 'Summaries; opt-in');
insert into feature_flags (name, enabled, description) values ('disable_webhooks', false, 'Kill switch: stops all webhook deliveries; use with care')
""", "delete from feature_flags where name in ('feature_timeline', 'feature_ai_summaries', 'disable_webhooks')", False),
    ("seed_demo_workspace", r"""
-- A demo workspace for new installs. The ids are fixed so the down section can find them.
INSERT INTO accounts (id, name, slug, status, billing_email, settings) VALUES
  ('00000000-0000-4000-8000-000000000001', 'Demo & Co.', 'demo-co', 'active', 'billing@demo.example',
   '{"ui": {"theme": "dark", "density": "compact"}, "week_start": "sunday"}');
INSERT INTO users (account_id, email, display_name) VALUES
  ('00000000-0000-4000-8000-000000000001', 'ana@demo.example', 'Ana O''Neil'),
  ('00000000-0000-4000-8000-000000000001', 'bo@demo.example', 'Bo "The Builder" Li'),
  ('00000000-0000-4000-8000-000000000001', 'zoe@demo.example', U&'Zo\00EB');
WITH p AS (
    INSERT INTO projects (account_id, key, name, description)
    VALUES ('00000000-0000-4000-8000-000000000001', 'DEMO', 'Demo project', E'First line\nSecond line; with a semicolon')
    RETURNING id
)
INSERT INTO tasks (project_id, number, title, body, tags)
SELECT p.id, n, 'Task #' || n, 'Body; with a semicolon and a quote: ''', ARRAY['seed', 'demo']
  FROM p, generate_series(1, 5) AS n;
INSERT INTO tasks (id, project_id, number, title, state)
OVERRIDING SYSTEM VALUE
SELECT 1, id, 100, 'Pinned: read me first', 'TODO' FROM projects WHERE key = 'DEMO';
""", r"""
DELETE FROM accounts WHERE id = '00000000-0000-4000-8000-000000000001';
""", False),
    ("seed_labels", r"""
INSERT INTO labels (project_id, name, color, description)
SELECT id, l.name, l.color, l.description
  FROM projects,
       (VALUES ('bug', '#d73a4a', 'Something isn''t working'),
               ('docs', '#0075ca', E'Improvements or additions to documentation\\wiki'),
               ('good first issue', '#7057ff', $$Good for newcomers; small & safe$$)) AS l (name, color, description)
 WHERE projects.key = 'DEMO'
""", "DELETE FROM labels WHERE name IN ('bug', 'docs', 'good first issue');", False),
    ("backfill_task_positions", r"""
UPDATE tasks SET position = number * 1024.0 WHERE position = 0;  -- leave room; see "board ordering"
/* the statement above and the one below are separated by this comment only */ UPDATE tasks SET story_points = 1 WHERE story_points IS NULL AND state = 'TODO'
""", "-- data only; nothing to undo", False),
]


def build_postgres(c):
    for name, up, down in PG_FOUNDATION:
        c.add(name, up, down)
    ready = []  # per table, its generated ALTER steps still to emit
    turn = 0

    def emit_steps(count, min_age):
        nonlocal turn
        for _ in range(count):
            eligible = [q for q in ready[: max(0, len(ready) - min_age)] if q]
            if not eligible:
                return
            queue = eligible[turn % len(eligible)]
            turn += 1
            c.add(*queue.pop(0))

    for t_index, (table, up, down, alters, quoted) in enumerate(PG_TABLES):
        header = None
        if t_index % 5 == 1:
            header = f"Creates {table}. Reviewed in ORB-{100 + t_index}; see docs/schema.md"
        c.add(f"create_{table}_table", up, down, header=header)
        for name, a_up, a_down, no_tx in PG_AFTER.get(table, []):
            c.add(name, a_up, a_down, no_tx=no_tx)
        if alters:
            ready.append(pg_alter_steps(table, t_index, quoted))
        emit_steps(1 + t_index % 2, min_age=3)

    late = list(PG_LATE)
    while late or any(ready):
        if late:
            name, up, down, no_tx = late.pop(0)
            c.add(name, up, down, no_tx=no_tx)
        emit_steps(3, min_age=0)
    return c


# ---------------------------------------------------------------------------------------------
# MySQL / MariaDB
# ---------------------------------------------------------------------------------------------

# (column, type, wider type, name after the rename step)
MY_POOL_A = [
    ("external_ref", "varchar(64)", "varchar(191)", "external_reference"),
    ("notes", "varchar(1000)", "text", "internal_notes"),
    ("source_system", "varchar(32)", "varchar(64)", "origin_system"),
    ("legacy_id", "int", "bigint", "legacy_key"),
    ("import_batch", "varchar(40)", "varchar(80)", "import_batch_id"),
    ("sync_token", "varchar(128)", "varchar(255)", "sync_cursor"),
    ("review_score", "smallint", "int", "quality_score"),
    ("display_color", "varchar(7)", "varchar(16)", "accent_color"),
    ("last_synced_at", "datetime", "datetime(3)", "synced_at"),
    ("weight", "decimal(6,2)", "decimal(10,2)", "sort_weight"),
    ("checksum_hex", "char(64)", "varchar(128)", "content_hash"),
]

# (column, type, default, check expression or None)
MY_POOL_B = [
    ("is_pinned", "tinyint(1)", "0", None),
    ("priority_rank", "int", "0", "{c} >= 0"),
    ("status_note", "varchar(280)", "''", None),
    ("visibility_level", "tinyint", "1", "{c} BETWEEN 0 AND 3"),
    ("retention_days", "int unsigned", "30", "{c} > 0"),
    ("origin", "varchar(16)", "'web'", "{c} IN ('web', 'api', 'import', 'mobile')"),
    ("revision", "int", "1", "{c} >= 1"),
    ("flags", "int unsigned", "0", None),
    ("is_locked", "boolean", "false", None),
]


def my_conditional(kind, table, column, sql, index=False):
    """mattermost's idiom: run `sql` only when the column (or index) does (not) exist."""
    source = "STATISTICS" if index else "COLUMNS"
    field = "index_name" if index else "column_name"
    yes, no = ("'SELECT 1'", f"'{sql}'") if kind == "IfNotExists" else (f"'{sql}'", "'SELECT 1'")
    stmt = {"IfNotExists": "alterIfNotExists", "IfExists": "alterIfExists"}[kind]
    return (
        "SET @preparedStatement = (SELECT IF(\n"
        "    (\n"
        f"        SELECT COUNT(*) FROM INFORMATION_SCHEMA.{source}\n"
        f"        WHERE table_name = '{table}'\n"
        "        AND table_schema = DATABASE()\n"
        f"        AND {field} = '{column}'\n"
        "    ) > 0,\n"
        f"    {yes},\n"
        f"    {no}\n"
        "));\n"
        "\n"
        f"PREPARE {stmt} FROM @preparedStatement;\n"
        f"EXECUTE {stmt};\n"
        f"DEALLOCATE PREPARE {stmt};\n"
    )


def my_alter_steps(table, t_index):
    a_name, a_type, a_wide, a_new = MY_POOL_A[t_index % len(MY_POOL_A)]
    b_name, b_type, b_default, b_check = MY_POOL_B[t_index % len(MY_POOL_B)]
    style = t_index % 4
    steps = []

    # 1. add two columns
    if style == 0:
        up = (f"ALTER TABLE `{table}` ADD COLUMN `{a_name}` {a_type} NULL DEFAULT NULL;\n"
              f"ALTER TABLE `{table}` ADD COLUMN `{b_name}` {b_type} NOT NULL DEFAULT {b_default};")
        down = (f"ALTER TABLE `{table}` DROP COLUMN `{b_name}`;\n"
                f"ALTER TABLE `{table}` DROP COLUMN `{a_name}`;")
    elif style == 1:
        up = (my_conditional("IfNotExists", table, a_name, f"ALTER TABLE {table} ADD {a_name} {a_type};") + "\n"
              + my_conditional("IfNotExists", table, b_name,
                               f"ALTER TABLE {table} ADD {b_name} {b_type} NOT NULL DEFAULT {b_default.replace(chr(39), chr(92) + chr(39))};"))
        down = (my_conditional("IfExists", table, b_name, f"ALTER TABLE {table} DROP COLUMN {b_name};") + "\n"
                + my_conditional("IfExists", table, a_name, f"ALTER TABLE {table} DROP COLUMN {a_name};"))
    elif style == 2:
        up = (f"ALTER TABLE `{table}`\n"
              f"  ADD COLUMN `{a_name}` {a_type} DEFAULT NULL,\n"
              f"  ADD COLUMN `{b_name}` {b_type} NOT NULL DEFAULT {b_default}")
        down = f"ALTER TABLE `{table}` DROP COLUMN `{b_name}`, DROP COLUMN `{a_name}`"
    else:
        up = (f"# {a_name}: filled by the importer; {b_name}: see the admin guide\n"
              f"ALTER TABLE {table} ADD {a_name} {a_type.upper()};\n"
              f"ALTER TABLE {table} ADD {b_name} {b_type.upper()} NOT NULL DEFAULT {b_default};")
        down = (f"ALTER TABLE {table} DROP {b_name};\n"
                f"ALTER TABLE {table} DROP {a_name};")
    steps.append((f"add_{a_name}_and_{b_name}_to_{table}", up, down))
    if t_index % 3 == 2:
        return steps

    # 2. rename and widen (CHANGE, or RENAME + MODIFY), add a check
    if t_index % 2:
        lines_up = [f"ALTER TABLE `{table}` CHANGE COLUMN `{a_name}` `{a_new}` {a_wide} NULL DEFAULT NULL;"]
        lines_down = [f"ALTER TABLE `{table}` CHANGE COLUMN `{a_new}` `{a_name}` {a_type} NULL DEFAULT NULL;"]
    else:
        lines_up = [f"ALTER TABLE {table} RENAME COLUMN {a_name} TO {a_new};",
                    f"ALTER TABLE {table} MODIFY COLUMN {a_new} {a_wide};"]
        lines_down = [f"ALTER TABLE {table} MODIFY COLUMN {a_new} {a_type};",
                      f"ALTER TABLE {table} RENAME COLUMN {a_new} TO {a_name};"]
    if b_check:
        cname = f"chk_{table}_{b_name}"
        lines_up.append(f"ALTER TABLE `{table}` ADD CONSTRAINT `{cname}` CHECK ({b_check.format(c='`' + b_name + '`')});")
        lines_down.insert(0, f"ALTER TABLE `{table}` DROP CONSTRAINT `{cname}`;")
    steps.append((f"rename_{a_name}_on_{table}", "\n".join(lines_up), "\n".join(lines_down)))
    if t_index % 3 == 1:
        return steps

    # 3. index, and relax the NOT NULL
    idx = f"idx_{table}_{a_new}"
    key = f"`{a_new}`(100)" if a_wide == "text" else f"`{a_new}`"
    up = (f"ALTER TABLE `{table}` ADD INDEX `{idx}` ({key});\n"
          f"ALTER TABLE `{table}` MODIFY COLUMN `{b_name}` {b_type} NULL DEFAULT {b_default};")
    down = (f"ALTER TABLE `{table}` MODIFY COLUMN `{b_name}` {b_type} NOT NULL DEFAULT {b_default};\n"
            f"ALTER TABLE `{table}` DROP INDEX `{idx}`;")
    steps.append((f"index_{a_new}_on_{table}", up, down))

    # 4. drop the column again (the down restores it with its index)
    up = (f"-- {a_new} turned out to be unused; the importer writes to {b_name} instead\n"
          + my_conditional("IfExists", table, a_new, f"ALTER TABLE {table} DROP COLUMN {a_new};"))
    down = (f"ALTER TABLE `{table}` ADD COLUMN `{a_new}` {a_wide} NULL;\n"
            f"ALTER TABLE `{table}` ADD INDEX `{idx}` ({key});")
    steps.append((f"drop_{a_new}_from_{table}", up, down))
    return steps

# (table, up, down, gets generated ALTER migrations)
MY_TABLES = [
    ("accounts", r"""
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!50503 SET character_set_client = utf8mb4 */;
CREATE TABLE `accounts` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `uuid` char(36) COLLATE utf8mb4_unicode_ci NOT NULL,
  `name` varchar(255) COLLATE utf8mb4_unicode_ci NOT NULL,
  `slug` varchar(64) COLLATE utf8mb4_unicode_ci NOT NULL,
  `status` enum('trial','active','past_due','suspended','closed') COLLATE utf8mb4_unicode_ci NOT NULL DEFAULT 'trial',
  `billing_email` varchar(191) COLLATE utf8mb4_unicode_ci DEFAULT NULL,
  `plan_code` varchar(32) COLLATE utf8mb4_unicode_ci NOT NULL DEFAULT 'free',
  `seats` int unsigned NOT NULL DEFAULT '1',
  `settings` json DEFAULT NULL,
  `trial_ends_at` timestamp NULL DEFAULT NULL,
  `created_at` timestamp NULL DEFAULT NULL,
  `updated_at` timestamp NULL DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `accounts_uuid_unique` (`uuid`),
  UNIQUE KEY `accounts_slug_unique` (`slug`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
""", "DROP TABLE IF EXISTS `accounts`;", True),
    ("users", r"""
CREATE TABLE `users` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `account_id` bigint unsigned NOT NULL,
  `email` varchar(191) NOT NULL,
  `display_name` varchar(120) NOT NULL DEFAULT '',
  `password` varchar(255) DEFAULT NULL,
  `remember_token` varchar(100) DEFAULT NULL,
  `locale` varchar(10) NOT NULL DEFAULT 'en',
  `is_admin` tinyint(1) NOT NULL DEFAULT '0',
  `failed_logins` smallint unsigned NOT NULL DEFAULT '0',
  `email_verified_at` timestamp NULL DEFAULT NULL,
  `deleted_at` timestamp NULL DEFAULT NULL,
  `created_at` timestamp NULL DEFAULT NULL,
  `updated_at` timestamp NULL DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `users_account_id_email_unique` (`account_id`,`email`),
  CONSTRAINT `users_account_id_foreign` FOREIGN KEY (`account_id`) REFERENCES `accounts` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
""", "DROP TABLE `users`;", True),
    ("password_resets", r"""
CREATE TABLE password_resets (
    email VARCHAR(191) NOT NULL,
    token VARCHAR(255) NOT NULL,
    created_at TIMESTAMP NULL,
    INDEX password_resets_email_index (email)
) DEFAULT CHARACTER SET utf8mb4 COLLATE 'utf8mb4_unicode_ci' ENGINE = InnoDB
""", "DROP TABLE password_resets", True),
    ("teams", r"""
CREATE TABLE IF NOT EXISTS Teams (
    Id varchar(26) NOT NULL,
    CreateAt bigint(20) DEFAULT NULL,
    UpdateAt bigint(20) DEFAULT NULL,
    DeleteAt bigint(20) DEFAULT NULL,
    AccountId bigint unsigned NOT NULL,
    DisplayName varchar(64) DEFAULT NULL,
    Name varchar(64) DEFAULT NULL,
    Description varchar(255) DEFAULT NULL,
    Type enum('O','I') DEFAULT NULL,
    InviteId varchar(32) DEFAULT NULL,
    AllowOpenInvite tinyint(1) DEFAULT NULL,
    PRIMARY KEY (Id),
    UNIQUE KEY Name (Name),
    KEY idx_teams_invite_id (InviteId),
    KEY idx_teams_update_at (UpdateAt),
    KEY idx_teams_delete_at (DeleteAt)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
""", "DROP TABLE IF EXISTS Teams;", False),
    ("team_members", r"""
CREATE TABLE IF NOT EXISTS TeamMembers (
    TeamId varchar(26) NOT NULL,
    UserId bigint unsigned NOT NULL,
    Roles varchar(64) DEFAULT NULL,
    DeleteAt bigint(20) DEFAULT NULL,
    SchemeUser tinyint(4) DEFAULT NULL,
    SchemeAdmin tinyint(4) DEFAULT NULL,
    PRIMARY KEY (TeamId, UserId),
    KEY idx_teammembers_user_id (UserId),
    KEY idx_teammembers_delete_at (DeleteAt)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
""", "DROP TABLE IF EXISTS TeamMembers;", False),
    ("projects", r"""
CREATE TABLE `projects` (
  `id` bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
  `account_id` bigint unsigned NOT NULL,
  `key` varchar(10) NOT NULL,
  `name` varchar(255) NOT NULL,
  `description` text,
  `visibility` enum('private','internal','public') NOT NULL DEFAULT 'private',
  `budget` decimal(14,2) NOT NULL DEFAULT 0.00,
  `starts_on` date DEFAULT NULL,
  `ends_on` date DEFAULT NULL,
  `archived` tinyint(1) NOT NULL DEFAULT 0,
  `created_at` datetime(6) NOT NULL,
  `updated_at` datetime(6) NOT NULL,
  UNIQUE KEY `index_projects_on_account_id_and_key` (`account_id`, `key`),
  CONSTRAINT `fk_rails_projects_account_id` FOREIGN KEY (`account_id`) REFERENCES `accounts` (`id`),
  CONSTRAINT `projects_key_format` CHECK (`key` REGEXP '^[A-Z][A-Z0-9]{1,9}$'),
  CONSTRAINT `projects_dates` CHECK (`ends_on` IS NULL OR `starts_on` IS NULL OR `ends_on` >= `starts_on`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
""", "DROP TABLE `projects`;", True),
    ("project_user", r"""
CREATE TABLE `project_user` (
  `project_id` bigint NOT NULL,
  `user_id` bigint unsigned NOT NULL,
  `role` varchar(16) NOT NULL DEFAULT 'member',
  `notify` boolean NOT NULL DEFAULT true,
  PRIMARY KEY (`project_id`, `user_id`),
  KEY `project_user_user_id_foreign` (`user_id`),
  CONSTRAINT `project_user_project_id_foreign` FOREIGN KEY (`project_id`) REFERENCES `projects` (`id`) ON DELETE CASCADE,
  CONSTRAINT `project_user_user_id_foreign` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
""", "DROP TABLE `project_user`;", True),
    ("boards", r"""
CREATE TABLE boards (
  id int unsigned NOT NULL AUTO_INCREMENT,
  project_id bigint NOT NULL,
  name varchar(100) NOT NULL,
  is_default tinyint(1) NOT NULL DEFAULT '0',
  created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  KEY boards_project_id (project_id),
  CONSTRAINT boards_project_fk FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE board_columns (
  id int unsigned NOT NULL AUTO_INCREMENT,
  board_id int unsigned NOT NULL,
  title varchar(60) NOT NULL,
  position int NOT NULL,
  wip_limit smallint unsigned DEFAULT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY board_columns_position (board_id, position),
  CONSTRAINT board_columns_board_fk FOREIGN KEY (board_id) REFERENCES boards (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
""", "DROP TABLE board_columns;\nDROP TABLE boards;", True),
    ("labels", r"""
CREATE TABLE `labels` (
  `id` int unsigned NOT NULL AUTO_INCREMENT,
  `project_id` bigint NOT NULL,
  `name` varchar(50) NOT NULL,
  `color` char(7) NOT NULL DEFAULT '#888888',
  `description` varchar(255) DEFAULT '',
  PRIMARY KEY (`id`),
  UNIQUE KEY `labels_project_name` (`project_id`, `name`),
  CONSTRAINT `labels_color_hex` CHECK (`color` REGEXP '^#[0-9a-fA-F]{6}$'),
  FOREIGN KEY (`project_id`) REFERENCES `projects` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
""", "DROP TABLE `labels`;", True),
    ("tasks", r"""
CREATE TABLE `tasks` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `project_id` bigint NOT NULL,
  `parent_id` bigint unsigned DEFAULT NULL,
  `number` int unsigned NOT NULL DEFAULT 0,
  `title` varchar(500) NOT NULL,
  `body` mediumtext,
  `state` enum('backlog','todo','in_progress','in_review','done','wont_do') NOT NULL DEFAULT 'backlog',
  `priority` enum('low','medium','high','urgent') NOT NULL DEFAULT 'medium',
  `estimate_minutes` int unsigned DEFAULT NULL,
  `story_points` decimal(5,1) DEFAULT NULL,
  `position` double NOT NULL DEFAULT 0,
  `tags` json DEFAULT NULL,
  `due_at` datetime DEFAULT NULL,
  `completed_at` datetime DEFAULT NULL,
  `created_by` bigint unsigned DEFAULT NULL,
  `title_length` int GENERATED ALWAYS AS (char_length(`title`)) VIRTUAL,
  `is_done` tinyint(1) AS (`state` IN ('done', 'wont_do')) STORED,
  `created_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  `updated_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (`id`),
  UNIQUE KEY `tasks_project_number` (`project_id`, `number`),
  KEY `tasks_parent_id` (`parent_id`),
  KEY `tasks_is_done` (`project_id`, `is_done`),
  CONSTRAINT `tasks_project_fk` FOREIGN KEY (`project_id`) REFERENCES `projects` (`id`) ON DELETE CASCADE,
  CONSTRAINT `tasks_parent_fk` FOREIGN KEY (`parent_id`) REFERENCES `tasks` (`id`) ON DELETE SET NULL,
  CONSTRAINT `tasks_created_by_fk` FOREIGN KEY (`created_by`) REFERENCES `users` (`id`) ON DELETE SET NULL
) ENGINE=InnoDB AUTO_INCREMENT=1000 DEFAULT CHARSET=utf8mb4 COMMENT='Work items; "issues" in the old UI';
""", "DROP TABLE `tasks`;", True),
    ("label_task", r"""
CREATE TABLE `label_task` (`label_id` int unsigned NOT NULL, `task_id` bigint unsigned NOT NULL, PRIMARY KEY (`label_id`,`task_id`), KEY `label_task_task_id_foreign` (`task_id`), CONSTRAINT `label_task_label_id_foreign` FOREIGN KEY (`label_id`) REFERENCES `labels` (`id`) ON DELETE CASCADE, CONSTRAINT `label_task_task_id_foreign` FOREIGN KEY (`task_id`) REFERENCES `tasks` (`id`) ON DELETE CASCADE) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""",
     "DROP TABLE `label_task`", False),
    ("task_user", r"""
CREATE TABLE task_user (
  task_id bigint unsigned NOT NULL,
  user_id bigint unsigned NOT NULL,
  assigned_at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (task_id, user_id),
  KEY task_user_user_id (user_id),
  CONSTRAINT task_user_task_fk FOREIGN KEY (task_id) REFERENCES tasks (id) ON DELETE CASCADE,
  CONSTRAINT task_user_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB;
""", "DROP TABLE task_user;", True),
    ("comments", r"""
CREATE TABLE `comments` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `task_id` bigint unsigned NOT NULL,
  `author_id` bigint unsigned DEFAULT NULL,
  `parent_id` bigint unsigned DEFAULT NULL,
  `body` text NOT NULL,
  `body_format` enum('markdown','plain','html') NOT NULL DEFAULT 'markdown',
  `edited_at` datetime DEFAULT NULL,
  `deleted_at` datetime DEFAULT NULL,
  `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (`id`),
  KEY `comments_task_created` (`task_id`, `created_at`),
  KEY `comments_author_id` (`author_id`),
  KEY `comments_parent_id` (`parent_id`),
  CONSTRAINT `comments_task_fk` FOREIGN KEY (`task_id`) REFERENCES `tasks` (`id`) ON DELETE CASCADE,
  CONSTRAINT `comments_author_fk` FOREIGN KEY (`author_id`) REFERENCES `users` (`id`) ON DELETE SET NULL,
  CONSTRAINT `comments_parent_fk` FOREIGN KEY (`parent_id`) REFERENCES `comments` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 ROW_FORMAT=DYNAMIC;
""", "DROP TABLE `comments`;", True),
    ("reactions", r"""
CREATE TABLE IF NOT EXISTS Reactions (
    UserId bigint unsigned NOT NULL,
    CommentId bigint unsigned NOT NULL,
    EmojiName varchar(64) NOT NULL,
    CreateAt bigint(20) DEFAULT NULL,
    PRIMARY KEY (CommentId, UserId, EmojiName)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
""", "DROP TABLE IF EXISTS Reactions;", False),
    ("attachments", r"""
CREATE TABLE `attachments` (
  `id` char(36) NOT NULL,
  `task_id` bigint unsigned DEFAULT NULL,
  `comment_id` bigint unsigned DEFAULT NULL,
  `file_name` varchar(255) NOT NULL,
  `content_type` varchar(255) NOT NULL DEFAULT 'application/octet-stream',
  `byte_size` bigint unsigned NOT NULL,
  `checksum` binary(32) NOT NULL,
  `storage_key` varchar(191) NOT NULL,
  `storage_path` varchar(1024) DEFAULT NULL,
  `created_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (`id`),
  UNIQUE KEY `attachments_storage_key` (`storage_key`),
  KEY `attachments_task_id` (`task_id`),
  CONSTRAINT `attachments_one_owner` CHECK ((`task_id` IS NULL) <> (`comment_id` IS NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
""", "DROP TABLE `attachments`;", True),
    ("checklists", r"""
CREATE TABLE checklists (
  id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  task_id bigint unsigned NOT NULL,
  title varchar(200) NOT NULL DEFAULT 'Checklist',
  FOREIGN KEY (task_id) REFERENCES tasks (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE checklist_items (
  id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  checklist_id int unsigned NOT NULL,
  body varchar(500) NOT NULL,
  done boolean NOT NULL DEFAULT FALSE,
  position smallint NOT NULL DEFAULT 0,
  FOREIGN KEY (checklist_id) REFERENCES checklists (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
""", "DROP TABLE checklist_items;\nDROP TABLE checklists;", True),
    ("milestones", r"""
CREATE TABLE `milestones` (
  `id` int unsigned NOT NULL AUTO_INCREMENT,
  `project_id` bigint NOT NULL,
  `title` varchar(200) NOT NULL,
  `due_on` date DEFAULT NULL,
  `closed_at` datetime DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `milestones_project_title` (`project_id`, `title`),
  CONSTRAINT `milestones_project_fk` FOREIGN KEY (`project_id`) REFERENCES `projects` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

ALTER TABLE `tasks`
  ADD COLUMN `milestone_id` int unsigned DEFAULT NULL AFTER `parent_id`,
  ADD KEY `tasks_milestone_id` (`milestone_id`),
  ADD CONSTRAINT `tasks_milestone_fk` FOREIGN KEY (`milestone_id`) REFERENCES `milestones` (`id`) ON DELETE SET NULL;
""", r"""
ALTER TABLE `tasks` DROP FOREIGN KEY `tasks_milestone_fk`;
ALTER TABLE `tasks` DROP INDEX `tasks_milestone_id`, DROP COLUMN `milestone_id`;
DROP TABLE `milestones`;
""", True),
    ("sprints", r"""
CREATE TABLE `sprints` (
  `id` int unsigned NOT NULL AUTO_INCREMENT,
  `project_id` bigint NOT NULL,
  `name` varchar(80) NOT NULL,
  `starts_at` datetime NOT NULL,
  `ends_at` datetime NOT NULL,
  `goal` text,
  PRIMARY KEY (`id`),
  KEY `sprints_project_period` (`project_id`, `starts_at`, `ends_at`),
  CONSTRAINT `sprints_project_fk` FOREIGN KEY (`project_id`) REFERENCES `projects` (`id`) ON DELETE CASCADE,
  CONSTRAINT `sprints_period` CHECK (`ends_at` > `starts_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE `sprint_task` (
  `sprint_id` int unsigned NOT NULL,
  `task_id` bigint unsigned NOT NULL,
  PRIMARY KEY (`sprint_id`, `task_id`),
  CONSTRAINT `sprint_task_sprint_fk` FOREIGN KEY (`sprint_id`) REFERENCES `sprints` (`id`) ON DELETE CASCADE,
  CONSTRAINT `sprint_task_task_fk` FOREIGN KEY (`task_id`) REFERENCES `tasks` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
""", "DROP TABLE `sprint_task`;\nDROP TABLE `sprints`;", True),
    ("time_entries", r"""
CREATE TABLE `time_entries` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `task_id` bigint unsigned NOT NULL,
  `user_id` bigint unsigned NOT NULL,
  `started_at` datetime NOT NULL,
  `minutes` int unsigned NOT NULL, # can't exceed a day; checked below
  `billable` tinyint(1) NOT NULL DEFAULT 1,
  `hourly_rate` decimal(8,2) DEFAULT NULL, # NULL means the project rate applies
  `note` varchar(500) DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `time_entries_user_started` (`user_id`, `started_at`),
  CONSTRAINT `time_entries_task_fk` FOREIGN KEY (`task_id`) REFERENCES `tasks` (`id`) ON DELETE CASCADE,
  CONSTRAINT `time_entries_user_fk` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE,
  CONSTRAINT `time_entries_minutes` CHECK (`minutes` BETWEEN 1 AND 1440)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
""", "DROP TABLE `time_entries`;", True),
    ("audit_logs", r"""
-- No foreign keys here: partitioned InnoDB tables cannot have them.
CREATE TABLE `audit_logs` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `occurred_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  `actor` varchar(64) DEFAULT NULL,
  `action` varchar(32) NOT NULL,
  `target_table` varchar(64) NOT NULL,
  `target_id` bigint unsigned DEFAULT NULL,
  `payload` json DEFAULT NULL,
  `ip` varbinary(16) DEFAULT NULL,
  PRIMARY KEY (`id`, `occurred_at`),
  KEY `audit_logs_target` (`target_table`, `target_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
PARTITION BY RANGE COLUMNS (`occurred_at`) (
  PARTITION p2024 VALUES LESS THAN ('2025-01-01'),
  PARTITION p2025 VALUES LESS THAN ('2026-01-01'),
  PARTITION pmax VALUES LESS THAN (MAXVALUE)
);
""", "DROP TABLE `audit_logs`;", False),
    ("settings", r"""
CREATE TABLE `settings` (
  `key` varchar(100) NOT NULL,
  `value` text,
  `value_type` enum('string','integer','boolean','json') NOT NULL DEFAULT 'string',
  `description` varchar(500) DEFAULT NULL,
  `updated_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (`key`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
""", "DROP TABLE `settings`;", True),
    ("systems", r"""
CREATE TABLE IF NOT EXISTS Systems (
    Name varchar(64) NOT NULL,
    Value text,
    PRIMARY KEY (Name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
""", "DROP TABLE IF EXISTS Systems;", False),
    ("preferences", r"""
CREATE TABLE IF NOT EXISTS Preferences (
    UserId bigint unsigned NOT NULL,
    Category varchar(32) NOT NULL,
    Name varchar(32) NOT NULL,
    Value text,
    PRIMARY KEY (UserId, Category, Name),
    KEY idx_preferences_category (Category),
    KEY idx_preferences_name (Name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
""", "DROP TABLE IF EXISTS Preferences;", False),
    ("notifications", r"""
CREATE TABLE `notifications` (
  `id` char(36) COLLATE utf8mb4_unicode_ci NOT NULL,
  `type` varchar(255) COLLATE utf8mb4_unicode_ci NOT NULL,
  `notifiable_type` varchar(255) COLLATE utf8mb4_unicode_ci NOT NULL,
  `notifiable_id` bigint unsigned NOT NULL,
  `data` text COLLATE utf8mb4_unicode_ci NOT NULL,
  `read_at` timestamp NULL DEFAULT NULL,
  `created_at` timestamp NULL DEFAULT NULL,
  `updated_at` timestamp NULL DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `notifications_notifiable_type_notifiable_id_index` (`notifiable_type`,`notifiable_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
""", "DROP TABLE `notifications`;", True),
    ("webhooks", r"""
CREATE TABLE `webhooks` (
  `id` int unsigned NOT NULL AUTO_INCREMENT,
  `account_id` bigint unsigned NOT NULL,
  `url` varchar(2048) NOT NULL,
  `secret` varbinary(64) NOT NULL,
  `events` json NOT NULL,
  `active` tinyint(1) NOT NULL DEFAULT 1,
  `created_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (`id`),
  CONSTRAINT `webhooks_account_fk` FOREIGN KEY (`account_id`) REFERENCES `accounts` (`id`) ON DELETE CASCADE,
  CONSTRAINT `webhooks_url_scheme` CHECK (`url` LIKE 'https://%' OR `url` LIKE 'http://%')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE `webhook_deliveries` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `webhook_id` int unsigned NOT NULL,
  `event` varchar(60) NOT NULL,
  `request_body` json NOT NULL,
  `response_status` smallint DEFAULT NULL,
  `response_body` mediumtext,
  `attempt` tinyint unsigned NOT NULL DEFAULT 1,
  `delivered_at` datetime DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `webhook_deliveries_pending` (`webhook_id`, `delivered_at`),
  CONSTRAINT `webhook_deliveries_webhook_fk` FOREIGN KEY (`webhook_id`) REFERENCES `webhooks` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
""", "DROP TABLE `webhook_deliveries`;\nDROP TABLE `webhooks`;", True),
    ("personal_access_tokens", r"""
CREATE TABLE `personal_access_tokens` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `tokenable_type` varchar(255) COLLATE utf8mb4_unicode_ci NOT NULL,
  `tokenable_id` bigint unsigned NOT NULL,
  `name` varchar(255) COLLATE utf8mb4_unicode_ci NOT NULL,
  `token` varchar(64) COLLATE utf8mb4_unicode_ci NOT NULL,
  `abilities` text COLLATE utf8mb4_unicode_ci,
  `last_used_at` timestamp NULL DEFAULT NULL,
  `expires_at` timestamp NULL DEFAULT NULL,
  `created_at` timestamp NULL DEFAULT NULL,
  `updated_at` timestamp NULL DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `personal_access_tokens_token_unique` (`token`),
  KEY `personal_access_tokens_tokenable_type_tokenable_id_index` (`tokenable_type`,`tokenable_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
""", "DROP TABLE IF EXISTS `personal_access_tokens`;", True),
    ("sessions", r"""
CREATE TABLE `sessions` (
  `id` varchar(255) NOT NULL,
  `user_id` bigint unsigned DEFAULT NULL,
  `ip_address` varchar(45) DEFAULT NULL,
  `user_agent` text,
  `payload` longtext NOT NULL,
  `last_activity` int NOT NULL,
  PRIMARY KEY (`id`),
  KEY `sessions_user_id_index` (`user_id`),
  KEY `sessions_last_activity_index` (`last_activity`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
""", "DROP TABLE `sessions`;", True),
    ("jobs", r"""
CREATE TABLE `jobs` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `queue` varchar(255) NOT NULL,
  `payload` longtext NOT NULL,
  `attempts` tinyint unsigned NOT NULL,
  `reserved_at` int unsigned DEFAULT NULL,
  `available_at` int unsigned NOT NULL,
  `created_at` int unsigned NOT NULL,
  PRIMARY KEY (`id`),
  KEY `jobs_queue_index` (`queue`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE `failed_jobs` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `uuid` varchar(255) NOT NULL,
  `connection` text NOT NULL,
  `queue` text NOT NULL,
  `payload` longtext NOT NULL,
  `exception` longtext NOT NULL,
  `failed_at` timestamp NOT NULL DEFAULT current_timestamp(),
  PRIMARY KEY (`id`),
  UNIQUE KEY `failed_jobs_uuid_unique` (`uuid`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
""", "DROP TABLE `failed_jobs`;\nDROP TABLE `jobs`;", True),
    ("invitations", r"""
CREATE TABLE `invitations` (
  `id` char(36) NOT NULL,
  `account_id` bigint unsigned NOT NULL,
  `email` varchar(191) NOT NULL,
  `role` enum('owner','admin','member','guest') NOT NULL DEFAULT 'member',
  `token` char(48) NOT NULL,
  `invited_by` bigint unsigned DEFAULT NULL,
  `accepted_at` datetime DEFAULT NULL,
  `expires_at` datetime NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `invitations_token` (`token`),
  KEY `invitations_account_email` (`account_id`, `email`),
  CONSTRAINT `invitations_account_fk` FOREIGN KEY (`account_id`) REFERENCES `accounts` (`id`) ON DELETE CASCADE,
  CONSTRAINT `invitations_invited_by_fk` FOREIGN KEY (`invited_by`) REFERENCES `users` (`id`) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
""", "DROP TABLE `invitations`;", True),
    ("saved_filters", r"""
CREATE TABLE saved_filters (
  id int unsigned NOT NULL AUTO_INCREMENT,
  user_id bigint unsigned NOT NULL,
  project_id bigint DEFAULT NULL,
  name varchar(100) NOT NULL,
  query json NOT NULL,
  shared tinyint(1) NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  KEY saved_filters_user (user_id),
  CONSTRAINT saved_filters_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT saved_filters_project_fk FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
""", "DROP TABLE saved_filters", True),
    ("custom_fields", r"""
CREATE TABLE `custom_fields` (
  `id` int unsigned NOT NULL AUTO_INCREMENT,
  `project_id` bigint NOT NULL,
  `name` varchar(60) NOT NULL,
  `field_type` enum('text','number','date','select','multi_select','user') NOT NULL,
  `options` json DEFAULT NULL,
  `required` tinyint(1) NOT NULL DEFAULT '0',
  PRIMARY KEY (`id`),
  CONSTRAINT `custom_fields_project_fk` FOREIGN KEY (`project_id`) REFERENCES `projects` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE `custom_field_values` (
  `task_id` bigint unsigned NOT NULL,
  `field_id` int unsigned NOT NULL,
  `value` json NOT NULL,
  PRIMARY KEY (`task_id`, `field_id`),
  CONSTRAINT `cfv_task_fk` FOREIGN KEY (`task_id`) REFERENCES `tasks` (`id`) ON DELETE CASCADE,
  CONSTRAINT `cfv_field_fk` FOREIGN KEY (`field_id`) REFERENCES `custom_fields` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
""", "DROP TABLE `custom_field_values`;\nDROP TABLE `custom_fields`;", True),
    ("plans", r"""
CREATE TABLE `plans` (
  `code` varchar(32) NOT NULL,
  `name` varchar(60) NOT NULL,
  `monthly_price` decimal(10,2) NOT NULL,
  `yearly_price` decimal(10,2) AS (ROUND(`monthly_price` * 12 * 0.85, 2)) PERSISTENT,
  `features` json NOT NULL DEFAULT ('{}'),
  `public` tinyint(1) NOT NULL DEFAULT 1,
  PRIMARY KEY (`code`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
""", "DROP TABLE `plans`;", True),
    ("subscriptions", r"""
CREATE TABLE `subscriptions` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `account_id` bigint unsigned NOT NULL,
  `plan_code` varchar(32) NOT NULL,
  `seats` int unsigned NOT NULL DEFAULT 1,
  `period_start` datetime NOT NULL,
  `period_end` datetime NOT NULL,
  `canceled_at` datetime DEFAULT NULL,
  PRIMARY KEY (`id`),
  CONSTRAINT `subscriptions_account_fk` FOREIGN KEY (`account_id`) REFERENCES `accounts` (`id`) ON DELETE CASCADE,
  CONSTRAINT `subscriptions_plan_fk` FOREIGN KEY (`plan_code`) REFERENCES `plans` (`code`) ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
""", "DROP TABLE `subscriptions`;", True),
    ("invoices", r"""
CREATE TABLE `invoices` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `account_id` bigint unsigned NOT NULL,
  `number` varchar(20) NOT NULL,
  `currency` char(3) NOT NULL DEFAULT 'EUR',
  `total` decimal(14,2) NOT NULL DEFAULT 0.00,
  `issued_on` date NOT NULL,
  `paid_at` datetime DEFAULT NULL,
  `pdf` longblob,
  PRIMARY KEY (`id`),
  UNIQUE KEY `invoices_number` (`number`),
  CONSTRAINT `invoices_account_fk` FOREIGN KEY (`account_id`) REFERENCES `accounts` (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE `invoice_lines` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `invoice_id` bigint unsigned NOT NULL,
  `description` varchar(500) NOT NULL,
  `quantity` decimal(10,3) NOT NULL DEFAULT 1.000,
  `unit_price` decimal(12,4) NOT NULL,
  `amount` decimal(14,2) GENERATED ALWAYS AS (round(`quantity` * `unit_price`, 2)) STORED,
  PRIMARY KEY (`id`),
  CONSTRAINT `invoice_lines_invoice_fk` FOREIGN KEY (`invoice_id`) REFERENCES `invoices` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
""", "DROP TABLE `invoice_lines`;\nDROP TABLE `invoices`;", True),
    ("feature_flags", r"""
CREATE TABLE feature_flags (
  name varchar(80) NOT NULL PRIMARY KEY,
  enabled tinyint(1) NOT NULL DEFAULT 0,
  rollout_percent tinyint unsigned NOT NULL DEFAULT 0 CHECK (rollout_percent <= 100),
  description varchar(255) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
""", "DROP TABLE feature_flags;", True),
    ("cache", r"""
CREATE TABLE `cache` (
  `key` varchar(255) NOT NULL,
  `value` mediumtext NOT NULL,
  `expiration` int NOT NULL,
  PRIMARY KEY (`key`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE `cache_locks` (
  `key` varchar(255) NOT NULL,
  `owner` varchar(255) NOT NULL,
  `expiration` int NOT NULL,
  PRIMARY KEY (`key`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
""", "DROP TABLE `cache_locks`;\nDROP TABLE `cache`;", True),
    ("documents", r"""
CREATE TABLE `documents` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `project_id` bigint NOT NULL,
  `title` varchar(300) NOT NULL,
  `body` longtext NOT NULL,
  `published` tinyint(1) NOT NULL DEFAULT 0,
  `revision` int unsigned NOT NULL DEFAULT 1,
  `created_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  `updated_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (`id`),
  FULLTEXT KEY `documents_fulltext` (`title`, `body`),
  CONSTRAINT `documents_project_fk` FOREIGN KEY (`project_id`) REFERENCES `projects` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
""", "DROP TABLE `documents`;", True),
    ("reminders", r"""
CREATE TABLE reminders (
  id bigint unsigned NOT NULL AUTO_INCREMENT,
  task_id bigint unsigned NOT NULL,
  user_id bigint unsigned NOT NULL,
  remind_at datetime NOT NULL,
  sent tinyint(1) NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  KEY reminders_due (sent, remind_at),
  CONSTRAINT reminders_task_fk FOREIGN KEY (task_id) REFERENCES tasks (id) ON DELETE CASCADE,
  CONSTRAINT reminders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
""", "DROP TABLE reminders;", True),
    ("login_attempts", r"""
CREATE TABLE `login_attempts` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `email` varchar(191) NOT NULL,
  `ip` varbinary(16) NOT NULL,
  `ip_text` varchar(45) GENERATED ALWAYS AS (inet6_ntoa(`ip`)) VIRTUAL,
  `succeeded` tinyint(1) NOT NULL,
  `attempted_at` timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (`id`),
  KEY `login_attempts_email_time` (`email`, `attempted_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
""", "DROP TABLE `login_attempts`;", True),
    ("watchers", r"""
CREATE TABLE `watchers` (`task_id` bigint unsigned NOT NULL, `user_id` bigint unsigned NOT NULL, `since` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY (`task_id`, `user_id`), CONSTRAINT `watchers_task_fk` FOREIGN KEY (`task_id`) REFERENCES `tasks` (`id`) ON DELETE CASCADE, CONSTRAINT `watchers_user_fk` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE `favorites` (`user_id` bigint unsigned NOT NULL, `project_id` bigint NOT NULL, `position` smallint NOT NULL DEFAULT 0, PRIMARY KEY (`user_id`, `project_id`), CONSTRAINT `favorites_user_fk` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE, CONSTRAINT `favorites_project_fk` FOREIGN KEY (`project_id`) REFERENCES `projects` (`id`) ON DELETE CASCADE) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
""", "DROP TABLE `favorites`; DROP TABLE `watchers`;", True),
    ("automations", r"""
CREATE TABLE `automations` (
  `id` int unsigned NOT NULL AUTO_INCREMENT,
  `project_id` bigint NOT NULL,
  `name` varchar(120) NOT NULL,
  `trigger_event` varchar(40) NOT NULL,
  `conditions` json NOT NULL,
  `actions` json NOT NULL,
  `enabled` tinyint(1) NOT NULL DEFAULT 1,
  PRIMARY KEY (`id`),
  CONSTRAINT `automations_project_fk` FOREIGN KEY (`project_id`) REFERENCES `projects` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
""", "DROP TABLE `automations`;", True),
    ("dashboards", r"""
CREATE TABLE `dashboards` (
  `id` int unsigned NOT NULL AUTO_INCREMENT,
  `owner_id` bigint unsigned NOT NULL,
  `name` varchar(100) NOT NULL,
  `layout` json NOT NULL DEFAULT ('{"columns": 12}'),
  PRIMARY KEY (`id`),
  CONSTRAINT `dashboards_owner_fk` FOREIGN KEY (`owner_id`) REFERENCES `users` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TABLE `widgets` (
  `id` int unsigned NOT NULL AUTO_INCREMENT,
  `dashboard_id` int unsigned NOT NULL,
  `kind` varchar(30) NOT NULL,
  `config` json NOT NULL,
  `x` tinyint unsigned NOT NULL DEFAULT 0,
  `y` tinyint unsigned NOT NULL DEFAULT 0,
  `w` tinyint unsigned NOT NULL DEFAULT 4,
  `h` tinyint unsigned NOT NULL DEFAULT 3,
  PRIMARY KEY (`id`),
  CONSTRAINT `widgets_dashboard_fk` FOREIGN KEY (`dashboard_id`) REFERENCES `dashboards` (`id`) ON DELETE CASCADE,
  CONSTRAINT `widgets_width` CHECK (`w` BETWEEN 1 AND 12)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
""", "DROP TABLE `widgets`;\nDROP TABLE `dashboards`;", True),
]

MY_AFTER = {
    "users": [
        ("create_users_display_name_index", my_conditional(
            "IfNotExists", "users", "idx_users_display_name",
            "CREATE INDEX idx_users_display_name ON users(display_name);", index=True),
         my_conditional("IfExists", "users", "idx_users_display_name",
                        "DROP INDEX idx_users_display_name ON users;", index=True)),
    ],
    "tasks": [
        ("create_tasks_before_insert_trigger", r"""
-- Numbers tasks per project and gives urgent ones a due date; the body holds ; and quotes,
-- which is why this file needs a splitter that knows BEGIN ... END.
CREATE TRIGGER tasks_before_insert BEFORE INSERT ON `tasks`
FOR EACH ROW
BEGIN
    IF NEW.number IS NULL OR NEW.number = 0 THEN
        SET NEW.number = (SELECT COALESCE(MAX(t.number), 0) + 1 FROM tasks t WHERE t.project_id = NEW.project_id);
    END IF;
    CASE NEW.priority
        WHEN 'urgent' THEN SET NEW.due_at = COALESCE(NEW.due_at, NOW() + INTERVAL 1 DAY);
        WHEN 'high' THEN SET NEW.due_at = COALESCE(NEW.due_at, NOW() + INTERVAL 7 DAY);
        ELSE BEGIN END;
    END CASE;
END;
""", "DROP TRIGGER IF EXISTS tasks_before_insert;"),
        ("create_task_reference_function", r"""
CREATE FUNCTION task_reference(project_key VARCHAR(10), task_number INT UNSIGNED) RETURNS VARCHAR(32) CHARSET utf8mb4
    DETERMINISTIC
    NO SQL
    COMMENT 'PROJ-123 style references; don''t change the format'
BEGIN
    DECLARE ref VARCHAR(32) DEFAULT '';
    SET ref = CONCAT(project_key, '-', task_number);
    RETURN ref;
END;
SELECT task_reference('ORB', 1) AS smoke_test""", "DROP FUNCTION IF EXISTS task_reference;"),
    ],
    "comments": [
        ("add_comments_count_to_tasks", r"""
ALTER TABLE `tasks` ADD COLUMN `comments_count` int unsigned NOT NULL DEFAULT 0;
CREATE TRIGGER comments_after_insert AFTER INSERT ON comments FOR EACH ROW UPDATE tasks SET comments_count = comments_count + 1 WHERE id = NEW.task_id;
CREATE TRIGGER comments_after_delete AFTER DELETE ON comments FOR EACH ROW UPDATE tasks SET comments_count = GREATEST(CAST(comments_count AS SIGNED) - 1, 0) WHERE id = OLD.task_id;
""", r"""
DROP TRIGGER comments_after_delete;
DROP TRIGGER comments_after_insert;
ALTER TABLE `tasks` DROP COLUMN `comments_count`;
"""),
    ],
    "audit_logs": [
        ("create_project_audit_triggers", r"""
CREATE TRIGGER projects_after_update AFTER UPDATE ON projects
FOR EACH ROW
BEGIN
  IF NOT (OLD.name <=> NEW.name) OR NOT (OLD.archived <=> NEW.archived) THEN
    INSERT INTO audit_logs (actor, action, target_table, target_id, payload)
    VALUES (@orbit_actor, 'update', 'projects', NEW.id,
            JSON_OBJECT('old', JSON_OBJECT('name', OLD.name, 'archived', OLD.archived),
                        'new', JSON_OBJECT('name', NEW.name, 'archived', NEW.archived),
                        'note', 'it\'s logged; don\'t edit by hand'));
  END IF;
END;

CREATE DEFINER=CURRENT_USER TRIGGER projects_after_delete AFTER DELETE ON projects
FOR EACH ROW
BEGIN
  INSERT INTO audit_logs (actor, action, target_table, target_id, payload)
  VALUES (@orbit_actor, 'delete', 'projects', OLD.id, JSON_OBJECT('key', OLD.`key`, 'name', OLD.name));
END;
""", r"""
DROP TRIGGER IF EXISTS projects_after_delete;
DROP TRIGGER IF EXISTS projects_after_update;
"""),
    ],
    "systems": [
        ("migrate_legacy_settings", r"""
/* Copies the Legacy* rows of Systems into settings, once. Written in the
   create-call-drop style: the procedure only lives for the length of this file. */

CREATE PROCEDURE Migrate_Legacy_Settings ()
BEGIN
DECLARE
	legacy_count INT;
	SELECT COUNT(*) FROM Systems WHERE Name LIKE 'Legacy%' INTO legacy_count;
	IF(legacy_count > 0) THEN
		INSERT IGNORE INTO settings (`key`, `value`, `description`)
		SELECT CONCAT('legacy.', LOWER(Name)), Value, 'Copied from Systems; see Migrate_Legacy_Settings' FROM Systems WHERE Name LIKE 'Legacy%';
	END IF;
END;
	CALL Migrate_Legacy_Settings ();
	DROP PROCEDURE IF EXISTS Migrate_Legacy_Settings;
""", "-- data only: nothing to undo"),
    ],
    "notifications": [
        ("create_archive_notifications_procedure", r"""
-- Fenced: the body has a labelled loop, and fencing is what the docs recommend for bodies
-- one does not want a splitter to guess about.
-- dbm:statement-begin
CREATE PROCEDURE archive_old_notifications(IN keep_days INT)
    MODIFIES SQL DATA
    COMMENT 'Deletes read notifications older than keep_days, 1000 rows at a time'
BEGIN
  DECLARE cutoff DATETIME DEFAULT NOW() - INTERVAL keep_days DAY;
  archive_loop: LOOP
    DELETE FROM notifications WHERE created_at < cutoff AND read_at IS NOT NULL LIMIT 1000;
    IF ROW_COUNT() = 0 THEN
      LEAVE archive_loop;
    END IF;
  END LOOP archive_loop;
END
-- dbm:statement-end
""", "DROP PROCEDURE IF EXISTS archive_old_notifications;"),
    ],
    "invoices": [
        ("create_invoice_total_function", r"""
CREATE FUNCTION invoice_total(p_invoice_id BIGINT UNSIGNED) RETURNS DECIMAL(14,2)
    READS SQL DATA
BEGIN
    DECLARE total DECIMAL(14,2);
    SELECT COALESCE(SUM(amount), 0) INTO total FROM invoice_lines WHERE invoice_id = p_invoice_id;
    RETURN total;
END;
""", "DROP FUNCTION invoice_total;"),
    ],
    "documents": [
        ("create_document_revision_trigger", r"""
CREATE DEFINER=CURRENT_USER TRIGGER `documents_before_update` BEFORE UPDATE ON `documents` FOR EACH ROW SET NEW.`revision` = IF(NEW.`body` <=> OLD.`body`, OLD.`revision`, OLD.`revision` + 1);
""", "DROP TRIGGER `documents_before_update`;"),
    ],
    "login_attempts": [
        ("create_housekeeping_events", r"""
CREATE EVENT IF NOT EXISTS purge_login_attempts ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 03:00:00' ON COMPLETION PRESERVE DISABLE COMMENT 'Keeps 90 days; enable per install' DO DELETE FROM login_attempts WHERE attempted_at < NOW() - INTERVAL 90 DAY;

CREATE EVENT expire_sessions
    ON SCHEDULE EVERY 1 HOUR STARTS '2030-01-01 00:00:00'
    ON COMPLETION PRESERVE
    DISABLE
    DO
BEGIN
    DELETE FROM sessions WHERE last_activity < UNIX_TIMESTAMP() - 86400;
    DELETE FROM cache WHERE expiration < UNIX_TIMESTAMP();
END;
""", r"""
DROP EVENT IF EXISTS expire_sessions;
DROP EVENT IF EXISTS purge_login_attempts;
"""),
    ],
}

MY_LATE = [
    ("widen_user_display_name", r"""
ALTER TABLE users MODIFY COLUMN display_name varchar(191) NOT NULL DEFAULT '' COMMENT 'Shown in mentions; "@" + this';
""", "ALTER TABLE users MODIFY COLUMN display_name varchar(120) NOT NULL DEFAULT '';"),
    ("add_archived_account_status", r"""
ALTER TABLE `accounts` MODIFY `status` enum('trial','active','past_due','suspended','closed','archived') COLLATE utf8mb4_unicode_ci NOT NULL DEFAULT 'trial'
""", "ALTER TABLE `accounts` MODIFY `status` enum('trial','active','past_due','suspended','closed') COLLATE utf8mb4_unicode_ci NOT NULL DEFAULT 'trial'"),
    ("add_fulltext_index_to_tasks", r"""
ALTER TABLE tasks ADD FULLTEXT INDEX ft_tasks_title_body (title, body);
""", "ALTER TABLE tasks DROP INDEX ft_tasks_title_body;"),
    ("add_comment_and_attachment_indexes", r"""
ALTER TABLE `comments` ADD INDEX `comments_deleted_at` (`deleted_at`), ALGORITHM=INPLACE, LOCK=NONE;
CREATE INDEX attachments_storage_path ON attachments (storage_path(191)) USING BTREE;
CREATE INDEX tasks_due_at_desc ON tasks (due_at DESC, priority)""", r"""
DROP INDEX tasks_due_at_desc ON tasks;
DROP INDEX attachments_storage_path ON attachments;
ALTER TABLE `comments` DROP INDEX `comments_deleted_at`;
"""),
    ("add_unique_invitation_email", my_conditional(
        "IfNotExists", "invitations", "invitations_open_email",
        "ALTER TABLE invitations ADD UNIQUE INDEX invitations_open_email (account_id, email, accepted_at);", index=True),
     my_conditional("IfExists", "invitations", "invitations_open_email",
                    "ALTER TABLE invitations DROP INDEX invitations_open_email;", index=True)),
    ("rename_reminders_to_task_reminders", r"""
RENAME TABLE `reminders` TO `task_reminders`;
""", "RENAME TABLE `task_reminders` TO `reminders`;"),
    ("create_tasks_archive_table", r"""
CREATE TABLE IF NOT EXISTS tasks_archive LIKE tasks;
ALTER TABLE tasks_archive ADD COLUMN archived_at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP, ENGINE=InnoDB;
""", "DROP TABLE IF EXISTS tasks_archive;"),
    ("add_title_slug_to_documents", r"""
ALTER TABLE `documents`
  ADD COLUMN `title_slug` varchar(300) AS (LOWER(REPLACE(TRIM(`title`), ' ', '-'))) VIRTUAL,
  ADD INDEX `documents_title_slug` (`title_slug`);
""", "ALTER TABLE `documents` DROP INDEX `documents_title_slug`, DROP COLUMN `title_slug`;"),
    ("add_currency_check_to_invoices", r"""
ALTER TABLE invoices ADD CONSTRAINT invoices_currency_format CHECK (currency REGEXP '^[A-Z]{3}$')
""", "ALTER TABLE invoices DROP CONSTRAINT invoices_currency_format"),
    ("widen_preferences_value", r"""
ALTER TABLE Preferences MODIFY Value mediumtext;
""", "ALTER TABLE Preferences MODIFY Value text;"),
    ("add_reactions_comment_foreign_key", r"""
SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS
        WHERE table_name = 'Reactions'
        AND table_schema = DATABASE()
        AND constraint_name = 'fk_reactions_comment'
        AND constraint_type = 'FOREIGN KEY'
    ) > 0,
    'SELECT 1',
    'ALTER TABLE Reactions ADD CONSTRAINT fk_reactions_comment FOREIGN KEY (CommentId) REFERENCES comments (id) ON DELETE CASCADE;'
));

PREPARE addForeignKeyIfNotExists FROM @preparedStatement;
EXECUTE addForeignKeyIfNotExists;
DEALLOCATE PREPARE addForeignKeyIfNotExists;
""", r"""
SET @preparedStatement = (SELECT IF(
    (
        SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS
        WHERE table_name = 'Reactions'
        AND table_schema = DATABASE()
        AND constraint_name = 'fk_reactions_comment'
    ) > 0,
    'ALTER TABLE Reactions DROP FOREIGN KEY fk_reactions_comment;',
    'SELECT 1'
));
PREPARE dropForeignKeyIfExists FROM @preparedStatement;
EXECUTE dropForeignKeyIfExists;
DEALLOCATE PREPARE dropForeignKeyIfExists;
"""),
    ("create_open_tasks_view", r"""
CREATE OR REPLACE
    ALGORITHM = MERGE
    SQL SECURITY INVOKER
VIEW `open_tasks` AS
SELECT t.id, t.project_id, task_reference(p.`key`, t.number) AS reference, t.title, t.priority, t.due_at
FROM tasks t
JOIN projects p ON p.id = t.project_id
-- done and wont_do are terminal; "in_review" still counts as open
WHERE t.state NOT IN ('done', 'wont_do');
""", "DROP VIEW IF EXISTS `open_tasks`;"),
    ("create_account_overview_view", r"""
CREATE VIEW account_overview AS
SELECT a.id,
       a.name,
       a.status,
       (SELECT COUNT(*) FROM users u WHERE u.account_id = a.id AND u.deleted_at IS NULL) AS active_users,
       # JSON_UNQUOTE keeps "dark" from showing up with its quotes
       COALESCE(JSON_UNQUOTE(JSON_EXTRACT(a.settings, '$.ui.theme')), 'system') AS theme,
       IF(a.status = 'past_due', 'Payment\'s late; remind them', '') AS billing_hint
FROM accounts a
""", "DROP VIEW account_overview"),
    ("create_feature_flag_views", r"""
CREATE VIEW feature_flag_overview AS SELECT name, enabled, rollout_percent, name LIKE 'feature\_%' AS is_feature FROM feature_flags;
CREATE VIEW kill_switches AS SELECT name, enabled FROM feature_flags WHERE name NOT LIKE 'feature\_%';
""", "DROP VIEW kill_switches;\nDROP VIEW feature_flag_overview;"),
    ("seed_plans", r"""
INSERT INTO `plans` (`code`, `name`, `monthly_price`, `features`) VALUES
('free', 'Free', 0.00, '{"projects": 3, "seats": 5}'),
('team', 'Team', 8.00, '{"projects": null, "seats": 50}'),
('business', 'Business', 16.50, '{"sso": true, "note": "it\'s the \\"big\\" one"}')
ON DUPLICATE KEY UPDATE `name` = VALUES(`name`), `monthly_price` = VALUES(`monthly_price`);
""", "DELETE FROM `plans` WHERE `code` IN ('free', 'team', 'business');"),
    ("seed_settings", r"""
INSERT INTO `settings` (`key`, `value`, `description`) VALUES
('mail.from', 'Orbit <no-reply@orbit.example>', 'Sender of system mail'),
('mail.footer', 'You\'re receiving this because you\'re a member; unsubscribe any time.', NULL),
('export.csv_separator', ';', 'Field separator for CSV exports'),
('export.csv_quote', '"', NULL),
('export.csv_escape', '\\', 'A single backslash'),
('storage.windows_root', 'C:\\Orbit\\data\\', 'Where the Windows agent keeps files'),
('ui.greeting', "Hello,\n\tit's \"nice\" to see you", NULL),
('ui.promo', '50\% off; today only', 'LIKE-style escape, kept verbatim: \\%'),
('ui.quote_help', 'Use '' or \\'' to quote', NULL),
('ui.unicode_sample', _utf8mb4'café 🚀', NULL);
""", r"""
DELETE FROM `settings` WHERE `key` IN ('mail.from', 'mail.footer', 'export.csv_separator', 'export.csv_quote', 'export.csv_escape', 'storage.windows_root', 'ui.greeting', 'ui.promo', 'ui.quote_help', 'ui.unicode_sample');
"""),
    ("seed_systems", r"""
INSERT INTO Systems (Name, Value) VALUES ('Version', '5.3.0');
INSERT INTO Systems (Name, Value) VALUES ('LegacyTheme', '{"sidebarBg":"#145dbf","note":"Don\'t touch; imported"}');
REPLACE INTO Systems (Name, Value) VALUES ('AdvancedPermissionsMigrationComplete', 'true');
""", "DELETE FROM Systems WHERE Name IN ('Version', 'LegacyTheme', 'AdvancedPermissionsMigrationComplete');"),
    ("seed_feature_flags", r"""
insert into feature_flags (name, enabled, rollout_percent, description) values ('feature_timeline', 1, 100, 'Timeline view');
insert into feature_flags (name, enabled, rollout_percent, description) values ('feature_ai_summaries', 0, 5, "Summaries; opt-in (\"beta\")");
insert ignore into feature_flags (name, enabled, description) values ('disable_webhooks', 0, 'Kill switch: stops all webhook deliveries; use with care')
""", "delete from feature_flags where name in ('feature_timeline', 'feature_ai_summaries', 'disable_webhooks')"),
    ("seed_demo_workspace", r"""
-- Dumped from a demo install with mysqldump, trimmed by hand.
SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0;

LOCK TABLES `accounts` WRITE;
/*!40000 ALTER TABLE `accounts` DISABLE KEYS */;
INSERT INTO `accounts` (`id`, `uuid`, `name`, `slug`, `status`, `billing_email`, `settings`, `created_at`) VALUES (9001,'00000000-0000-4000-8000-000000000001','Demo & Co.','demo-co','active','billing@demo.example','{\"ui\": {\"theme\": \"dark\"}}','2024-01-01 00:00:00');
/*!40000 ALTER TABLE `accounts` ENABLE KEYS */;
UNLOCK TABLES;

LOCK TABLES `users` WRITE;
INSERT INTO `users` (`id`, `account_id`, `email`, `display_name`) VALUES (9001,9001,'ana@demo.example','Ana O\'Neil'),(9002,9001,'bo@demo.example','Bo \"The Builder\" Li'),(9003,9001,'zoe@demo.example','Zoë');
UNLOCK TABLES;

INSERT INTO `projects` (`id`, `account_id`, `key`, `name`, `description`, `created_at`, `updated_at`)
VALUES (9001, 9001, 'DEMO', 'Demo project', 'First line\nSecond line; with a semicolon', NOW(6), NOW(6));
INSERT INTO `tasks` (`project_id`, `title`, `body`, `priority`, `tags`) VALUES
(9001, 'Task #1', 'Body; with a semicolon and a quote: \'', 'low', '["seed", "demo"]'),
(9001, 'Task #2', 'Path: C:\\Orbit\\tmp', 'urgent', JSON_ARRAY('seed')),
(9001, 'Task #3', NULL, 'high', NULL);
INSERT INTO `attachments` (`id`, `task_id`, `file_name`, `byte_size`, `checksum`, `storage_key`) VALUES
('00000000-0000-4000-8000-0000000000a1', (SELECT MIN(id) FROM tasks WHERE project_id = 9001), 'readme.txt', 42,
 X'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'demo/readme.txt');

SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS;
""", r"""
DELETE FROM `attachments` WHERE `id` = '00000000-0000-4000-8000-0000000000a1';
DELETE FROM `tasks` WHERE `project_id` = 9001;
DELETE FROM `projects` WHERE `id` = 9001;
DELETE FROM `users` WHERE `account_id` = 9001;
DELETE FROM `accounts` WHERE `id` = 9001;
"""),
    ("seed_labels", r"""
INSERT INTO labels (project_id, name, color, description) VALUES
(9001, 'bug', '#d73a4a', 'Something isn\'t working'),
(9001, 'docs', '#0075ca', 'Improvements or additions to docs\\wiki'),
(9001, 'good first issue', '#7057ff', "Good for newcomers; small & safe");
""", "DELETE FROM labels WHERE project_id = 9001;"),
    ("backfill_task_positions", r"""
UPDATE tasks SET position = number * 1024 WHERE position = 0; -- leave room; see "board ordering"
/* the statement above and the one below are separated by this comment only; it's fine */ UPDATE tasks SET story_points = 1 WHERE story_points IS NULL AND state = 'todo'
""", "-- data only; nothing to undo"),
]


def build_mysql(c):
    ready = []
    turn = 0

    def emit_steps(count, min_age):
        nonlocal turn
        for _ in range(count):
            eligible = [q for q in ready[: max(0, len(ready) - min_age)] if q]
            if not eligible:
                return
            queue = eligible[turn % len(eligible)]
            turn += 1
            c.add(*queue.pop(0))

    for t_index, (table, up, down, alters) in enumerate(MY_TABLES):
        header = None
        if t_index % 6 == 2:
            header = f"Creates {table}; generated from the model, then edited by hand"
        c.add(f"create_{table}_table", up, down, header=header)
        for name, a_up, a_down in MY_AFTER.get(table, []):
            c.add(name, a_up, a_down)
        if alters:
            ready.append(my_alter_steps(table, t_index))
        emit_steps(1 + t_index % 2, min_age=3)

    late = list(MY_LATE)
    while late or any(ready):
        if late:
            c.add(*late.pop(0))
        emit_steps(3, min_age=0)
    return c


def check_mysql_client_convention(corpus):
    """Asserts the MySQL compound-statement convention described in the module docstring."""
    for index, item in enumerate(corpus.items, start=1):
        filename, text = corpus.render(index, item)
        lines = text.split("\n")
        fenced = False
        i = 0
        while i < len(lines):
            line = lines[i]
            if line.strip() == "-- dbm:statement-begin":
                fenced = True
            elif line.strip() == "-- dbm:statement-end":
                assert not lines[i - 1].rstrip().endswith(";"), f"{filename}: fenced statement ends in ;"
                fenced = False
            elif not fenced and re.match(r"CREATE\b.*\b(TRIGGER|PROCEDURE|FUNCTION|EVENT)\b", line, re.I):
                if ";" in line:
                    assert not re.search(r"\bBEGIN\b", line, re.I), f"{filename}: one-line compound statement"
                else:
                    j = i + 1
                    while lines[j] != "END;":
                        assert not re.match(r"(CREATE|-- dbm:)", lines[j], re.I), f"{filename}: line {j + 1}"
                        j += 1
                    i = j
            i += 1


def main():
    pg = build_postgres(Corpus("postgres"))
    my = build_mysql(Corpus("mysql"))
    check_mysql_client_convention(my)
    n_pg = pg.write(os.path.join(HERE, "postgres"))
    n_my = my.write(os.path.join(HERE, "mysql"))
    print(f"wrote {n_pg} PostgreSQL and {n_my} MySQL migrations")


if __name__ == "__main__":
    main()
