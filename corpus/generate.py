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
# Column pools for the generated ALTER TABLE migrations. Only columns added by these recipes are
# renamed, retyped or dropped later, so the hand-written views, triggers and seeds never lose a
# column they use.
# ---------------------------------------------------------------------------------------------

PG_EXTRA_COLUMNS = [
    ("external_ref", "varchar(64)", "text"),
    ("notes", "varchar(2000)", "text"),
    ("source_system", "varchar(32)", "varchar(64)"),
    ("legacy_id", "integer", "bigint"),
    ("import_batch", "varchar(40)", "varchar(80)"),
    ("sync_token", "varchar(128)", "text"),
    ("review_score", "smallint", "integer"),
    ("display_color", "varchar(7)", "varchar(16)"),
    ("last_synced_at", "timestamp", "timestamptz"),
    ("weight", "numeric(6,2)", "numeric(10,2)"),
    ("checksum", "varchar(64)", "text"),
    ("locale_hint", "varchar(10)", "varchar(35)"),
]

MY_EXTRA_COLUMNS = [
    ("external_ref", "varchar(64)", "varchar(191)"),
    ("notes", "varchar(2000)", "text"),
    ("source_system", "varchar(32)", "varchar(64)"),
    ("legacy_id", "int", "bigint"),
    ("import_batch", "varchar(40)", "varchar(80)"),
    ("sync_token", "varchar(128)", "varchar(255)"),
    ("review_score", "smallint", "int"),
    ("display_color", "varchar(7)", "varchar(16)"),
    ("last_synced_at", "datetime", "datetime(3)"),
    ("weight", "decimal(6,2)", "decimal(10,2)"),
]


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
