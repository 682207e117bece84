//! Introspection of a schema built by the dialect, and `drop_all` with and without views and
//! types, against a real server.

use crate::common::{col, enum_types, enumeration, fresh, not_null, run, run_all, string, texts};
use dbm_core::Dialect;
use dbm_core::driver::{
    ColumnInfo, Connection, ConstraintInfo, DropAllOptions, EnumInfo, ForeignKeyInfo,
    GeneratedInfo, IndexInfo, Stage, TriggerInfo, ViewInfo,
};
use dbm_core::schema::{
    Column, ColumnType, CreateTable, DefaultValue, IndexDef, Operation, Reference,
    ReferentialAction,
};
use dbm_driver_postgres::PostgresDialect;

async fn create(conn: &mut dyn Connection, create: CreateTable) {
    let statements = PostgresDialect
        .compile(&Operation::CreateTable(create), None)
        .expect("compiles");
    run(conn, &statements).await;
}

fn reference(table: &str, on_delete: Option<ReferentialAction>) -> Option<Reference> {
    Some(Reference {
        table: table.into(),
        column: "id".into(),
        on_delete,
        on_update: Some(ReferentialAction::Restrict),
    })
}

/// Every column type, in the order of `ColumnType`, then a few modifiers.
fn typed_columns() -> Vec<Column> {
    let decimal = ColumnType::Decimal {
        precision: 8,
        scale: 2,
    };
    vec![
        col("c_increments", ColumnType::Increments),
        col("c_tiny", ColumnType::TinyInteger),
        col("c_small", ColumnType::SmallInteger),
        col("c_int", ColumnType::Integer),
        col("c_big", ColumnType::BigInteger),
        col("c_float", ColumnType::Float),
        col("c_double", ColumnType::Double),
        col("c_decimal", decimal),
        Column {
            default: Some(DefaultValue::Boolean(true)),
            ..not_null(col("c_bool", ColumnType::Boolean))
        },
        col("c_char", ColumnType::Char { length: 10 }),
        Column {
            default: Some(DefaultValue::String("it's".into())),
            ..col("c_string", string(30))
        },
        col("c_text", ColumnType::Text),
        col("c_date", ColumnType::Date),
        col("c_time", ColumnType::Time),
        col("c_datetime", ColumnType::DateTime { tz: true }),
        Column {
            default: Some(DefaultValue::Sql("CURRENT_TIMESTAMP".into())),
            ..col("c_timestamp", ColumnType::Timestamp { tz: true })
        },
        col("c_naive", ColumnType::Timestamp { tz: false }),
        col("c_json", ColumnType::Json),
        col("c_jsonb", ColumnType::Jsonb),
        col("c_uuid", ColumnType::Uuid),
        col("c_binary", ColumnType::Binary { length: None }),
        col("c_enum", enumeration(&["a"], false)),
        col("c_native", enumeration(&["a"], true)),
        col(
            "c_specific",
            ColumnType::Specific {
                sql_type: "inet".into(),
            },
        ),
        Column {
            default: Some(DefaultValue::Integer(0)),
            ..col("c_zero", ColumnType::Integer)
        },
    ]
}

const EXPECTED_TYPES: &[&str] = &[
    "integer",
    "smallint",
    "smallint",
    "integer",
    "bigint",
    "real",
    "double precision",
    "numeric(8,2)",
    "boolean",
    "character(10)",
    "character varying(30)",
    "text",
    "date",
    "time without time zone",
    "timestamp with time zone",
    "timestamp with time zone",
    "timestamp without time zone",
    "json",
    "jsonb",
    "uuid",
    "bytea",
    "text",
    "everything_c_native_enum",
    "inet",
    "integer",
];

#[tokio::test]
async fn introspection_reports_types_keys_indexes_foreign_keys_and_views() {
    let Some((_db, mut conn)) = fresh().await else {
        return;
    };
    let conn = conn.as_mut();
    for parent in ["roles", "teams"] {
        create(
            conn,
            CreateTable {
                name: parent.into(),
                columns: vec![col("id", ColumnType::Increments)],
                ..CreateTable::default()
            },
        )
        .await;
    }
    create(
        conn,
        CreateTable {
            name: "everything".into(),
            columns: typed_columns(),
            ..CreateTable::default()
        },
    )
    .await;
    let members = CreateTable {
        name: "members".into(),
        columns: vec![
            Column {
                references: reference("roles", Some(ReferentialAction::Cascade)),
                ..not_null(col("role_id", ColumnType::Integer))
            },
            Column {
                references: reference("teams", Some(ReferentialAction::SetNull)),
                ..col("team_id", ColumnType::Integer)
            },
            Column {
                references: reference("teams", None),
                unique: true,
                ..col("other_team_id", ColumnType::Integer)
            },
            Column {
                index: true,
                ..col("rank", ColumnType::SmallInteger)
            },
        ],
        primary_key: vec!["role_id".into(), "rank".into()],
        unique: vec![IndexDef {
            columns: vec!["team_id".into(), "rank".into()],
            name: None,
        }],
        ..CreateTable::default()
    };
    create(conn, members).await;
    run(
        conn,
        &PostgresDialect
            .compile(
                &Operation::CreateTable(PostgresDialect.tracking_table("dbm_schema")),
                None,
            )
            .expect("compiles"),
    )
    .await;
    run_all(
        conn,
        &[
            "CREATE VIEW \"b_view\" AS SELECT * FROM roles",
            "CREATE VIEW \"a_view\" AS SELECT 1 AS one",
            "CREATE INDEX members_lower ON members ((rank + 1))",
        ],
    )
    .await;

    let catalog = conn.introspect().await.expect("introspects");
    let names: Vec<&str> = catalog.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        ["dbm_schema", "everything", "members", "roles", "teams"]
    );
    let views: Vec<&str> = catalog.views.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(views, ["a_view", "b_view"]);

    let everything = &catalog.tables[1];
    let types: Vec<&str> = everything
        .columns
        .iter()
        .map(|c| c.data_type.as_str())
        .collect();
    assert_eq!(types, EXPECTED_TYPES);
    let column = |name: &str| -> &ColumnInfo {
        everything
            .columns
            .iter()
            .find(|c| c.name == name)
            .expect("a column")
    };
    let info = |name: &str, data_type: &str, nullable, default: Option<&str>| ColumnInfo {
        name: name.into(),
        data_type: data_type.into(),
        nullable,
        default: default.map(str::to_string),
        ..Default::default()
    };
    assert_eq!(
        *column("c_increments"),
        ColumnInfo {
            auto_increment: true,
            identity: Some("by default".into()),
            ..info("c_increments", "integer", false, None)
        }
    );
    assert_eq!(
        *column("c_bool"),
        info("c_bool", "boolean", false, Some("true"))
    );
    assert_eq!(
        *column("c_string"),
        info(
            "c_string",
            "character varying(30)",
            true,
            Some("'it''s'::character varying")
        )
    );
    assert_eq!(
        column("c_timestamp").default.as_deref(),
        Some("CURRENT_TIMESTAMP")
    );
    assert_eq!(column("c_zero").default.as_deref(), Some("0"));
    assert_eq!(everything.primary_key, ["c_increments"]);
    assert!(
        everything.indexes.is_empty(),
        "the primary key's index is not an index"
    );

    let members = &catalog.tables[2];
    assert_eq!(members.primary_key, ["role_id", "rank"]);
    // dbm writes a unique column or key as a `UNIQUE` constraint.
    let index = |name: &str, columns: &[&str], unique| IndexInfo {
        name: name.into(),
        columns: columns.iter().map(|c| c.to_string()).collect(),
        unique,
        constraint: unique,
        predicate: None,
        definition: None,
    };
    assert_eq!(
        members.indexes,
        [
            index("members_lower", &["(rank + 1)"], false),
            index("members_other_team_id_unique", &["other_team_id"], true),
            index("members_rank_index", &["rank"], false),
            index("members_team_id_rank_unique", &["team_id", "rank"], true),
        ]
    );
    let fk = |name: &str, column: &str, table: &str, on_delete: &str| ForeignKeyInfo {
        name: Some(name.into()),
        columns: vec![column.into()],
        references_table: table.into(),
        references_columns: vec!["id".into()],
        on_delete: on_delete.into(),
        on_update: "RESTRICT".into(),
    };
    assert_eq!(
        members.foreign_keys,
        [
            fk(
                "members_other_team_id_foreign",
                "other_team_id",
                "teams",
                "NO ACTION"
            ),
            fk("members_role_id_foreign", "role_id", "roles", "CASCADE"),
            fk("members_team_id_foreign", "team_id", "teams", "SET NULL"),
        ]
    );
}

/// Every kind of object the catalog reports, in raw SQL.
const FULL_SCHEMA: &[&str] = &[
    "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')",
    "CREATE TABLE teams (id serial PRIMARY KEY, name text NOT NULL, \
     CONSTRAINT teams_name_key UNIQUE (name))",
    "COMMENT ON TABLE teams IS 'Who plays together'",
    "CREATE TABLE users (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, \
     team_id integer REFERENCES teams (id) ON DELETE SET NULL ON UPDATE CASCADE, \
     email varchar(254) NOT NULL, feeling mood DEFAULT 'ok', deleted_at timestamptz, \
     CONSTRAINT users_team_fk FOREIGN KEY (team_id) REFERENCES teams ON DELETE CASCADE)",
    "COMMENT ON COLUMN users.email IS 'Where mail goes'",
    "CREATE INDEX users_lower_email ON users (lower(email), team_id)",
    "CREATE UNIQUE INDEX users_live_email ON users (email) WHERE deleted_at IS NULL",
    "CREATE VIEW live_users AS SELECT id, email FROM users WHERE deleted_at IS NULL",
    "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
    "CREATE PROCEDURE forget(days integer) LANGUAGE sql AS $$ DELETE FROM users $$",
    "CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch()",
];

#[tokio::test]
async fn the_catalog_reports_every_kind_of_object_field_by_field() {
    let Some((_db, mut conn)) = fresh().await else {
        return;
    };
    let conn = conn.as_mut();
    run_all(conn, FULL_SCHEMA).await;
    let catalog = conn.introspect().await.expect("introspects");

    assert_eq!(
        catalog.enums,
        [EnumInfo {
            name: "mood".into(),
            values: vec!["sad".into(), "ok".into(), "happy".into()],
        }]
    );
    let teams = &catalog.tables[0];
    assert_eq!(teams.name, "teams");
    assert_eq!(teams.comment.as_deref(), Some("Who plays together"));
    assert_eq!(
        teams.columns[0],
        ColumnInfo {
            name: "id".into(),
            data_type: "integer".into(),
            nullable: false,
            default: Some("nextval('teams_id_seq'::regclass)".into()),
            auto_increment: true,
            ..ColumnInfo::default()
        },
        "serial"
    );
    assert_eq!(
        teams.indexes,
        [IndexInfo {
            name: "teams_name_key".into(),
            columns: vec!["name".into()],
            unique: true,
            constraint: true,
            predicate: None,
            definition: None,
        }]
    );

    let users = &catalog.tables[1];
    assert_eq!(users.name, "users");
    assert_eq!(users.comment, None);
    let column = |name: &str, data_type: &str, nullable, default: Option<&str>| ColumnInfo {
        name: name.into(),
        data_type: data_type.into(),
        nullable,
        default: default.map(str::to_string),
        ..Default::default()
    };
    assert_eq!(
        users.columns,
        [
            ColumnInfo {
                auto_increment: true,
                identity: Some("by default".into()),
                ..column("id", "bigint", false, None)
            },
            column("team_id", "integer", true, None),
            ColumnInfo {
                comment: Some("Where mail goes".into()),
                ..column("email", "character varying(254)", false, None)
            },
            column("feeling", "mood", true, Some("'ok'::mood")),
            column("deleted_at", "timestamp with time zone", true, None),
        ]
    );
    assert_eq!(users.primary_key, ["id"]);
    assert_eq!(
        users.indexes,
        [
            IndexInfo {
                name: "users_live_email".into(),
                columns: vec!["email".into()],
                unique: true,
                constraint: false,
                predicate: Some("deleted_at IS NULL".into()),
                definition: None,
            },
            IndexInfo {
                name: "users_lower_email".into(),
                columns: vec!["(lower(email::text))".into(), "team_id".into()],
                unique: false,
                constraint: false,
                predicate: None,
                definition: None,
            },
        ]
    );
    let fk = |name: &str, on_delete: &str, on_update: &str| ForeignKeyInfo {
        name: Some(name.into()),
        columns: vec!["team_id".into()],
        references_table: "teams".into(),
        references_columns: vec!["id".into()],
        on_delete: on_delete.into(),
        on_update: on_update.into(),
    };
    assert_eq!(
        users.foreign_keys,
        [
            fk("users_team_fk", "CASCADE", "NO ACTION"),
            fk("users_team_id_fkey", "SET NULL", "CASCADE"),
        ]
    );
    assert_eq!(
        catalog.views,
        [ViewInfo {
            name: "live_users".into(),
            create_sql: Some(
                "CREATE VIEW live_users AS SELECT users.id,\n    users.email\n   FROM users\n  \
                 WHERE users.deleted_at IS NULL"
                    .into()
            ),
        }]
    );
    let routines: Vec<(&str, &str)> = catalog
        .routines
        .iter()
        .map(|r| (r.name.as_str(), r.kind.as_str()))
        .collect();
    assert_eq!(routines, [("forget", "procedure"), ("touch", "function")]);
    let forget = catalog.routines[0]
        .create_sql
        .as_deref()
        .unwrap_or_default();
    assert!(
        forget.starts_with("CREATE OR REPLACE PROCEDURE public.forget(IN days integer)")
            && forget.contains("DELETE FROM users"),
        "{forget}"
    );
    let touch = catalog.routines[1]
        .create_sql
        .as_deref()
        .unwrap_or_default();
    assert!(
        touch.starts_with("CREATE OR REPLACE FUNCTION public.touch()")
            && touch.contains("RETURN NEW;"),
        "{touch}"
    );
    assert_eq!(
        catalog.triggers,
        [TriggerInfo {
            name: "users_touch".into(),
            table: "users".into(),
            create_sql: Some(
                "CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW \
                 EXECUTE FUNCTION touch()"
                    .into()
            ),
        }],
        "the internal triggers of foreign keys are not reported"
    );
}

#[tokio::test]
async fn two_databases_built_the_same_way_have_equal_catalogs() {
    let (Some((_first_db, mut first)), Some((_second_db, mut second))) =
        (fresh().await, fresh().await)
    else {
        return;
    };
    run_all(first.as_mut(), FULL_SCHEMA).await;
    run_all(second.as_mut(), FULL_SCHEMA).await;
    let first = first.introspect().await.expect("introspects");
    assert_eq!(first, second.introspect().await.expect("introspects"));
    assert!(!first.routines.is_empty() && !first.enums.is_empty());
}

async fn wipe_schema(conn: &mut dyn Connection) {
    run_all(
        conn,
        &[
            "CREATE TYPE mood AS ENUM ('happy')",
            "CREATE TABLE parents (id int PRIMARY KEY, m mood)",
            "CREATE TABLE children (id int, parent_id int REFERENCES parents (id))",
            "CREATE VIEW reads_children AS SELECT * FROM children",
            "CREATE VIEW reads_nothing AS SELECT 1 AS one",
        ],
    )
    .await;
}

#[tokio::test]
async fn drop_all_drops_every_table_and_reports_the_views_that_went_with_them() {
    let Some((_db, mut conn)) = fresh().await else {
        return;
    };
    let conn = conn.as_mut();
    wipe_schema(conn).await;
    let summary = conn
        .drop_all(&DropAllOptions::default())
        .await
        .expect("drops");
    assert_eq!(summary.tables, ["children", "parents"]);
    assert_eq!(summary.views, ["reads_children"], "dropped by CASCADE");
    assert!(summary.types.is_empty());
    let catalog = conn.introspect().await.expect("introspects");
    assert!(catalog.tables.is_empty());
    assert_eq!(catalog.views.len(), 1, "an independent view stays");
    assert_eq!(enum_types(conn).await, ["mood"]);
}

#[tokio::test]
async fn drop_all_with_views_and_types_leaves_an_empty_schema() {
    let Some((_db, mut conn)) = fresh().await else {
        return;
    };
    let conn = conn.as_mut();
    wipe_schema(conn).await;
    let options = DropAllOptions {
        drop_views: true,
        drop_types: true,
    };
    let summary = conn.drop_all(&options).await.expect("drops");
    assert_eq!(summary.tables, ["children", "parents"]);
    assert_eq!(summary.views, ["reads_children", "reads_nothing"]);
    assert_eq!(summary.types, ["mood"]);
    let catalog = conn.introspect().await.expect("introspects");
    assert!(catalog.tables.is_empty() && catalog.views.is_empty());
    assert!(enum_types(conn).await.is_empty());
    let again = conn
        .drop_all(&options)
        .await
        .expect("an empty schema is fine");
    assert!(again.tables.is_empty() && again.views.is_empty() && again.types.is_empty());
    assert!(
        !texts(conn, "SELECT 1::text").await.is_empty(),
        "the session is still usable"
    );
}

/// What the catalog keeps beyond plain tables: the objects a dump writes as their statement,
/// generated and identity columns, check and exclusion constraints, whole index definitions,
/// partitions and unlogged tables.
#[tokio::test]
async fn the_catalog_keeps_what_only_postgresql_has() {
    let Some((_db, mut conn)) = fresh().await else {
        return;
    };
    let conn = conn.as_mut();
    run_all(
        conn,
        &[
            "CREATE EXTENSION IF NOT EXISTS btree_gist",
            "CREATE DOMAIN positive AS integer NOT NULL CONSTRAINT positive_check CHECK (VALUE > 0)",
            "CREATE SEQUENCE tickets START WITH 100 CYCLE",
            "CREATE TABLE rooms (id integer GENERATED ALWAYS AS IDENTITY (START WITH 10) PRIMARY KEY, \
             size positive, half integer GENERATED ALWAYS AS (size / 2) STORED, \
             during tstzrange, tags text[], CONSTRAINT rooms_size_check CHECK (size < 100), \
             CONSTRAINT rooms_no_overlap EXCLUDE USING gist (id WITH =, during WITH &&))",
            "CREATE INDEX rooms_tags ON rooms USING gin (tags)",
            "CREATE UNLOGGED TABLE hits (n integer) WITH (fillfactor = 70)",
            "CREATE TABLE logs (at date NOT NULL) PARTITION BY RANGE (at)",
            "CREATE TABLE logs_2030 PARTITION OF logs FOR VALUES FROM ('2030-01-01') TO ('2031-01-01')",
            "ALTER TABLE rooms ENABLE ROW LEVEL SECURITY",
            "CREATE POLICY small ON rooms USING (size < 10)",
            "CREATE MATERIALIZED VIEW room_count AS SELECT count(*) AS n FROM rooms",
            "COMMENT ON DOMAIN positive IS 'above zero'",
            "CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
            "CREATE TRIGGER logs_stamp BEFORE INSERT ON logs FOR EACH ROW EXECUTE FUNCTION stamp()",
            "COMMENT ON TRIGGER logs_stamp ON logs IS 'when it came'",
        ],
    )
    .await;
    let catalog = conn.introspect().await.expect("introspects");
    assert!(catalog.unsupported.is_empty(), "{:?}", catalog.unsupported);
    let objects: Vec<(&str, &str, Stage)> = catalog
        .objects
        .iter()
        .map(|o| (o.kind.as_str(), o.name.as_str(), o.stage))
        .collect();
    assert_eq!(
        objects,
        [
            ("extension", "btree_gist", Stage::Prelude),
            ("domain", "positive", Stage::Types),
            ("sequence", "tickets", Stage::Types),
            ("row security", "rooms", Stage::Tables),
            ("materialized view", "room_count", Stage::Definitions),
            ("policy", "small", Stage::Definitions),
            (
                "comment on trigger",
                "logs_stamp on public.logs",
                Stage::Definitions
            ),
            ("comment on type", "public.positive", Stage::Definitions),
        ]
    );
    let sql = |kind: &str| {
        catalog
            .objects
            .iter()
            .find(|o| o.kind == kind)
            .and_then(|o| o.create_sql.clone())
            .unwrap_or_default()
    };
    assert_eq!(
        sql("domain"),
        "CREATE DOMAIN positive AS integer NOT NULL CONSTRAINT positive_check CHECK ((VALUE > 0))"
    );
    assert_eq!(
        sql("sequence"),
        "CREATE SEQUENCE \"tickets\" AS bigint INCREMENT BY 1 MINVALUE 1 \
         MAXVALUE 9223372036854775807 START WITH 100 CACHE 1 CYCLE"
    );
    let table = |name: &str| {
        catalog
            .tables
            .iter()
            .find(|t| t.name == name)
            .expect("the table")
    };
    let rooms = table("rooms");
    assert_eq!(rooms.columns[0].identity.as_deref(), Some("always"));
    assert_eq!(
        rooms.columns[0].identity_options.as_deref(),
        Some("START WITH 10")
    );
    assert_eq!(
        rooms.columns[2].generated,
        Some(GeneratedInfo {
            expression: "((size)::integer / 2)".into(),
            stored: true,
        })
    );
    assert_eq!(rooms.columns[2].default, None);
    assert_eq!(
        rooms.constraints,
        [
            ConstraintInfo {
                name: "rooms_no_overlap".into(),
                kind: "exclude".into(),
                definition: "EXCLUDE USING gist (id WITH =, during WITH &&)".into(),
            },
            ConstraintInfo {
                name: "rooms_size_check".into(),
                kind: "check".into(),
                definition: "CHECK (((size)::integer < 100))".into(),
            },
        ]
    );
    let indexes: Vec<(&str, Option<&str>)> = rooms
        .indexes
        .iter()
        .map(|i| (i.name.as_str(), i.definition.as_deref()))
        .collect();
    assert_eq!(
        indexes,
        [(
            "rooms_tags",
            Some("CREATE INDEX rooms_tags ON public.rooms USING gin (tags)")
        )]
    );
    assert_eq!(
        table("hits").create_sql.as_deref(),
        Some("CREATE UNLOGGED TABLE \"hits\" (\n  \"n\" integer\n) WITH (fillfactor=70)")
    );
    let triggers: Vec<(&str, &str)> = catalog
        .triggers
        .iter()
        .map(|t| (t.name.as_str(), t.table.as_str()))
        .collect();
    assert_eq!(
        triggers,
        [("logs_stamp", "logs")],
        "not the partition's copy"
    );
    let partition = table("logs_2030");
    assert_eq!(partition.partition_of.as_deref(), Some("logs"));
    assert_eq!(
        partition.create_sql.as_deref(),
        Some(
            "CREATE TABLE \"logs_2030\" PARTITION OF \"logs\" \
             FOR VALUES FROM ('2030-01-01') TO ('2031-01-01')"
        )
    );
}

/// What the catalog cannot describe is named, one phrase each, in byte order.
#[tokio::test]
async fn what_the_catalog_cannot_describe_is_named() {
    let Some((_db, mut conn)) = fresh().await else {
        return;
    };
    let conn = conn.as_mut();
    run_all(
        conn,
        &[
            "CREATE TABLE events (id integer PRIMARY KEY, body text, n integer)",
            "CREATE TABLE login_events (ip inet) INHERITS (events)",
            "ALTER TABLE events ALTER COLUMN body SET STORAGE EXTERNAL",
            "ALTER TABLE events ALTER COLUMN n SET STATISTICS 500",
            "ALTER TABLE events REPLICA IDENTITY FULL",
            "CLUSTER events USING events_pkey",
            "CREATE TYPE pair AS (a integer, b integer)",
            "CREATE DOMAIN pos AS integer",
            "ALTER DOMAIN pos ADD CONSTRAINT pos_check CHECK (VALUE > 0) NOT VALID",
        ],
    )
    .await;
    let catalog = conn.introspect().await.expect("introspects");
    assert_eq!(
        catalog.unsupported,
        [
            "composite type pair",
            "constraint pos_check of domain pos, not validated",
            "replica identity of table events",
            "statistics target of column events.n",
            "statistics target of column login_events.n",
            "storage EXTERNAL of column events.body",
            "storage EXTERNAL of column login_events.body",
            "table events clustered on index events_pkey",
            "table login_events inherits from events",
        ]
    );
}
