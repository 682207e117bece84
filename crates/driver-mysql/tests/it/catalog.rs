//! Introspection and drop-all against the test server, with schemas made by the dialect.

use crate::common::{col, connect, database, not_null, run, run_all, string, table, texts};
use dbm_core::Dialect;
use dbm_core::driver::{
    ColumnInfo, DropAllOptions, ForeignKeyInfo, GeneratedInfo, IndexInfo, Stage, TableInfo,
};
use dbm_core::schema::{
    Column, ColumnType, CreateTable, DefaultValue, Operation, Reference, ReferentialAction,
};
use dbm_core::{DriverErrorKind, Value};
use dbm_driver_mysql::MysqlDialect;

fn create(table: CreateTable) -> Vec<String> {
    MysqlDialect
        .compile(&Operation::CreateTable(table), None)
        .expect("compiles")
}

fn default(name: &str, column_type: ColumnType, value: DefaultValue) -> Column {
    Column {
        default: Some(value),
        ..col(name, column_type)
    }
}

fn every_type_table() -> CreateTable {
    let enum_type = ColumnType::Enum {
        values: vec!["a".into(), "b".into()],
        native: false,
    };
    table(
        "every",
        vec![
            col("id", ColumnType::Increments),
            Column {
                unsigned: true,
                ..default("count", ColumnType::Integer, DefaultValue::Integer(1))
            },
            default("small", ColumnType::SmallInteger, DefaultValue::Integer(-2)),
            col("big", ColumnType::BigInteger),
            col("ratio", ColumnType::Double),
            default(
                "price",
                ColumnType::Decimal {
                    precision: 8,
                    scale: 2,
                },
                DefaultValue::Float(1.5),
            ),
            not_null(default(
                "active",
                ColumnType::Boolean,
                DefaultValue::Boolean(true),
            )),
            default("name", string(30), DefaultValue::String("it's \\ x".into())),
            default(
                "literal_null",
                string(10),
                DefaultValue::String("NULL".into()),
            ),
            not_null(col("required", ColumnType::Char { length: 2 })),
            default("bio", ColumnType::Text, DefaultValue::String("none".into())),
            default("meta", ColumnType::Json, DefaultValue::String("{}".into())),
            col("born", ColumnType::Date),
            not_null(default(
                "seen_at",
                ColumnType::Timestamp { tz: true },
                DefaultValue::Sql("CURRENT_TIMESTAMP".into()),
            )),
            col("at", ColumnType::DateTime { tz: true }),
            default(
                "token",
                ColumnType::Uuid,
                DefaultValue::Sql("uuid()".into()),
            ),
            col("data", ColumnType::Binary { length: None }),
            default("kind", enum_type, DefaultValue::String("b".into())),
        ],
    )
}

fn info(name: &str, data_type: &str, nullable: bool, default: Option<&str>) -> ColumnInfo {
    ColumnInfo {
        name: name.into(),
        data_type: data_type.into(),
        nullable,
        default: default.map(String::from),
        ..Default::default()
    }
}

#[tokio::test]
async fn introspection_reports_column_types_normalized_defaults_keys_and_views() {
    let Some(db) = database().await else { return };
    let mut conn = connect(&db).await;
    let roles = table(
        "roles",
        vec![
            col("id", ColumnType::Increments),
            Column {
                unique: true,
                ..not_null(col("name", string(30)))
            },
        ],
    );
    let users = table(
        "users",
        vec![
            col("id", ColumnType::BigIncrements),
            Column {
                unsigned: true,
                references: Some(Reference {
                    table: "roles".into(),
                    column: "id".into(),
                    on_delete: Some(ReferentialAction::Cascade),
                    on_update: None,
                }),
                ..col("role_id", ColumnType::Integer)
            },
            Column {
                unsigned: true,
                index: true,
                references: Some(Reference {
                    table: "roles".into(),
                    column: "id".into(),
                    on_delete: Some(ReferentialAction::SetNull),
                    on_update: Some(ReferentialAction::NoAction),
                }),
                ..col("backup_role_id", ColumnType::Integer)
            },
        ],
    );
    for statement in [create(roles), create(users), create(every_type_table())] {
        run(conn.as_mut(), &statement).await;
    }
    run_all(
        conn.as_mut(),
        &["CREATE VIEW `role_names` AS SELECT name FROM roles"],
    )
    .await;
    let catalog = conn.introspect().await.expect("introspects");
    let names: Vec<&str> = catalog.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["every", "roles", "users"], "sorted, views apart");
    assert_eq!(catalog.views.len(), 1);
    assert_eq!(catalog.views[0].name, "role_names");

    let mariadb = texts(conn.as_mut(), "SELECT VERSION()").await[0].contains("MariaDB");
    // MariaDB keeps display widths and stores json as longtext; MySQL 8.0.19+ drops widths.
    let pick = |maria: &'static str, mysql: &'static str| if mariadb { maria } else { mysql };
    let every = &catalog.tables[0];
    assert_eq!(every.primary_key, ["id"]);
    let expected = vec![
        ColumnInfo {
            auto_increment: true,
            ..info("id", pick("int(10) unsigned", "int unsigned"), false, None)
        },
        info(
            "count",
            pick("int(10) unsigned", "int unsigned"),
            true,
            Some("1"),
        ),
        info("small", pick("smallint(6)", "smallint"), true, Some("-2")),
        info("big", pick("bigint(20)", "bigint"), true, None),
        info("ratio", "double", true, None),
        info("price", "decimal(8,2)", true, Some("1.50")),
        info("active", "tinyint(1)", false, Some("1")),
        info("name", "varchar(30)", true, Some("it's \\ x")),
        info("literal_null", "varchar(10)", true, Some("NULL")),
        info("required", "char(2)", false, None),
        info("bio", "text", true, Some("none")),
        info("meta", pick("longtext", "json"), true, Some("{}")),
        info("born", "date", true, None),
        info("seen_at", "timestamp", false, Some("CURRENT_TIMESTAMP")),
        info("at", "datetime", true, None),
        info("token", "char(36)", true, Some("uuid()")),
        info("data", "blob", true, None),
        info("kind", "enum('a','b')", true, Some("b")),
    ];
    for (got, want) in every.columns.iter().zip(&expected) {
        assert_eq!(got, want);
    }
    assert_eq!(every.columns.len(), expected.len());

    let roles = &catalog.tables[1];
    assert_eq!(
        roles.indexes,
        [IndexInfo {
            name: "roles_name_unique".into(),
            columns: vec!["name".into()],
            unique: true,
            ..Default::default()
        }]
    );
    let users: &TableInfo = &catalog.tables[2];
    let index_names: Vec<&str> = users.indexes.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(
        index_names,
        ["users_backup_role_id_index", "users_role_id_foreign"],
        "the index InnoDB made for a foreign key is reported; one declared is used instead"
    );
    // An action left out reads RESTRICT on MariaDB and NO ACTION on MySQL 8 (the same
    // thing in InnoDB).
    let unspecified = users.foreign_keys[1].on_update.clone();
    assert!(
        ["RESTRICT", "NO ACTION"].contains(&unspecified.as_str()),
        "{unspecified}"
    );
    assert_eq!(
        users.foreign_keys,
        [
            ForeignKeyInfo {
                name: Some("users_backup_role_id_foreign".into()),
                columns: vec!["backup_role_id".into()],
                references_table: "roles".into(),
                references_columns: vec!["id".into()],
                on_delete: "SET NULL".into(),
                on_update: "NO ACTION".into(),
            },
            ForeignKeyInfo {
                name: Some("users_role_id_foreign".into()),
                columns: vec!["role_id".into()],
                references_table: "roles".into(),
                references_columns: vec!["id".into()],
                on_delete: "CASCADE".into(),
                on_update: unspecified,
            },
        ]
    );
}

#[tokio::test]
async fn drop_all_drops_every_table_and_the_views_and_turns_foreign_key_checks_back_on() {
    let Some(db) = database().await else { return };
    let mut conn = connect(&db).await;
    run_all(
        conn.as_mut(),
        &[
            "CREATE TABLE p (id int PRIMARY KEY)",
            "CREATE TABLE c (p_id int, FOREIGN KEY (p_id) REFERENCES p (id))",
            "CREATE VIEW v AS SELECT id FROM p",
        ],
    )
    .await;
    let refused = conn
        .drop_all(&DropAllOptions {
            drop_views: true,
            drop_types: true,
        })
        .await
        .expect_err("no types on MySQL");
    assert_eq!(refused.kind, DriverErrorKind::Unsupported);
    assert!(
        refused.message.contains("MySQL has no types to drop"),
        "{refused}"
    );
    assert_eq!(
        conn.introspect().await.expect("introspects").tables.len(),
        2,
        "nothing dropped"
    );

    let kept = conn
        .drop_all(&DropAllOptions::default())
        .await
        .expect("drops");
    assert_eq!(kept.tables, ["c", "p"]);
    assert!(kept.views.is_empty());
    assert_eq!(
        conn.introspect().await.expect("introspects").views.len(),
        1,
        "the view stays"
    );

    let summary = conn
        .drop_all(&DropAllOptions {
            drop_views: true,
            drop_types: false,
        })
        .await
        .expect("drops");
    assert!(summary.tables.is_empty(), "no table left: nothing sent");
    assert_eq!(summary.views, ["v"]);
    let catalog = conn.introspect().await.expect("introspects");
    assert!(catalog.tables.is_empty() && catalog.views.is_empty());
    let empty = conn
        .drop_all(&DropAllOptions {
            drop_views: true,
            drop_types: false,
        })
        .await
        .expect("an empty database is fine");
    assert!(empty.tables.is_empty() && empty.views.is_empty());
    let checks = conn
        .query("SELECT @@FOREIGN_KEY_CHECKS", &[])
        .await
        .expect("reads");
    assert_eq!(checks[0].get(0), &Value::Integer(1));
}

#[tokio::test]
async fn a_foreign_key_to_a_missing_table_fails_the_create_table_and_leaves_nothing() {
    let Some(db) = database().await else { return };
    let mut conn = connect(&db).await;
    let users = table(
        "users",
        vec![
            col("id", ColumnType::Increments),
            Column {
                unsigned: true,
                references: Some(Reference {
                    table: "roles".into(),
                    column: "id".into(),
                    on_delete: None,
                    on_update: None,
                }),
                ..col("role_id", ColumnType::Integer)
            },
        ],
    );
    let statements = create(users);
    assert_eq!(
        statements.len(),
        1,
        "the foreign key is inside CREATE TABLE"
    );
    let failure = conn.execute_batch(&statements).await.expect_err("no roles");
    assert_eq!(failure.index, 0);
    let message = failure.error.message;
    // MariaDB: `ERROR 1005 (HY000): Can't create table `db`.`users` (errno: 150 "Foreign key
    // constraint is incorrectly formed")`, which names neither table: the migrator shows the
    // failing statement, which does. MySQL 8: `ERROR 1824 (HY000): Failed to open the
    // referenced table 'roles'`.
    assert!(
        (message.starts_with("ERROR 1005 (HY000): Can't create table")
            && message
                .contains("`users` (errno: 150 \"Foreign key constraint is incorrectly formed\")"))
            || message.contains("Failed to open the referenced table 'roles'"),
        "{message}"
    );
    assert!(!conn.table_exists("users").await.expect("answers"));
}

/// Every kind of object the catalog reports on MySQL and MariaDB, in raw SQL.
const FULL_SCHEMA: &[&str] = &[
    "CREATE TABLE teams (id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, \
     name varchar(50) NOT NULL, UNIQUE KEY teams_name_unique (name)) \
     COMMENT = 'Who plays together'",
    "CREATE TABLE users (id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, \
     team_id int unsigned NULL, email varchar(254) NOT NULL COMMENT 'Where mail goes', \
     feeling enum('sad','ok') NOT NULL DEFAULT 'ok', is_admin tinyint(1) NOT NULL DEFAULT 0, \
     KEY users_email_team (email, team_id), \
     CONSTRAINT users_team_fk FOREIGN KEY (team_id) REFERENCES teams (id) \
     ON DELETE SET NULL ON UPDATE CASCADE)",
    "CREATE VIEW live_users AS SELECT id, email FROM users WHERE is_admin = 0",
    "CREATE FUNCTION twice(x int) RETURNS int DETERMINISTIC RETURN x * 2",
    "CREATE PROCEDURE forget() DELETE FROM users",
    "CREATE TRIGGER users_lower BEFORE UPDATE ON users FOR EACH ROW \
     SET NEW.email = LOWER(NEW.email)",
];

async fn is_mariadb(conn: &mut dyn dbm_core::driver::Connection) -> bool {
    texts(conn, "SELECT VERSION()").await[0].contains("MariaDB")
}

#[tokio::test]
async fn the_catalog_reports_every_kind_of_object_field_by_field() {
    let Some(db) = database().await else { return };
    let mut conn = connect(&db).await;
    let conn = conn.as_mut();
    run_all(conn, FULL_SCHEMA).await;
    let mariadb = is_mariadb(conn).await;
    if !mariadb {
        run_all(
            conn,
            &["CREATE INDEX users_lower_email ON users ((lower(email)))"],
        )
        .await;
    }
    let catalog = conn.introspect().await.expect("introspects");
    let (int, bigint) = if mariadb {
        ("int(10) unsigned", "bigint(20) unsigned")
    } else {
        ("int unsigned", "bigint unsigned")
    };

    let teams = &catalog.tables[0];
    assert_eq!(teams.comment.as_deref(), Some("Who plays together"));
    assert_eq!(
        teams.columns[0],
        ColumnInfo {
            auto_increment: true,
            ..info("id", int, false, None)
        }
    );
    assert_eq!(
        teams.indexes,
        [IndexInfo {
            name: "teams_name_unique".into(),
            columns: vec!["name".into()],
            unique: true,
            constraint: false,
            predicate: None,
            definition: None,
        }],
        "a unique key is a unique index"
    );

    let users = &catalog.tables[1];
    assert_eq!(users.comment, None);
    assert_eq!(
        users.columns,
        [
            ColumnInfo {
                auto_increment: true,
                ..info("id", bigint, false, None)
            },
            info("team_id", int, true, None),
            ColumnInfo {
                comment: Some("Where mail goes".into()),
                ..info("email", "varchar(254)", false, None)
            },
            info("feeling", "enum('sad','ok')", false, Some("ok")),
            info("is_admin", "tinyint(1)", false, Some("0")),
        ]
    );
    assert_eq!(users.primary_key, ["id"]);
    let index = |name: &str, columns: &[&str]| IndexInfo {
        name: name.into(),
        columns: columns.iter().map(|c| c.to_string()).collect(),
        ..IndexInfo::default()
    };
    let mut indexes = vec![
        index("users_email_team", &["email", "team_id"]),
        index("users_team_fk", &["team_id"]),
    ];
    if !mariadb {
        indexes.push(index("users_lower_email", &["(lower(`email`))"]));
        indexes.sort_by(|a, b| a.name.cmp(&b.name));
    }
    assert_eq!(users.indexes, indexes);
    assert_eq!(
        users.foreign_keys,
        [ForeignKeyInfo {
            name: Some("users_team_fk".into()),
            columns: vec!["team_id".into()],
            references_table: "teams".into(),
            references_columns: vec!["id".into()],
            on_delete: "SET NULL".into(),
            on_update: "CASCADE".into(),
        }]
    );
    assert!(catalog.enums.is_empty(), "MySQL has no enum types");

    assert_eq!(catalog.views.len(), 1);
    assert_eq!(catalog.views[0].name, "live_users");
    let view = catalog.views[0].create_sql.as_deref().unwrap_or_default();
    assert!(
        view.contains("VIEW `live_users` AS select `users`.`id` AS `id`")
            && !view.contains(&db.name),
        "the definition, without the database's name: {view}"
    );

    let routines: Vec<(&str, &str)> = catalog
        .routines
        .iter()
        .map(|r| (r.name.as_str(), r.kind.as_str()))
        .collect();
    assert_eq!(routines, [("forget", "procedure"), ("twice", "function")]);
    let forget = catalog.routines[0]
        .create_sql
        .as_deref()
        .unwrap_or_default();
    assert!(
        forget.contains("PROCEDURE `forget`()") && forget.ends_with("DELETE FROM users"),
        "{forget}"
    );
    let twice = catalog.routines[1]
        .create_sql
        .as_deref()
        .unwrap_or_default();
    assert!(
        twice.contains("FUNCTION `twice`(x int) RETURNS int") && twice.ends_with("RETURN x * 2"),
        "{twice}"
    );
    assert_eq!(catalog.triggers.len(), 1);
    assert_eq!(
        (
            catalog.triggers[0].name.as_str(),
            catalog.triggers[0].table.as_str()
        ),
        ("users_lower", "users")
    );
    let trigger = catalog.triggers[0]
        .create_sql
        .as_deref()
        .unwrap_or_default();
    assert!(
        trigger.contains("TRIGGER `users_lower` BEFORE UPDATE ON `users` FOR EACH ROW")
            || trigger.contains("TRIGGER users_lower BEFORE UPDATE ON users FOR EACH ROW"),
        "{trigger}"
    );
    assert!(
        trigger.ends_with("SET NEW.email = LOWER(NEW.email)"),
        "{trigger}"
    );
}

#[tokio::test]
async fn two_databases_built_the_same_way_have_equal_catalogs() {
    let (Some(first_db), Some(second_db)) = (database().await, database().await) else {
        return;
    };
    let mut first = connect(&first_db).await;
    let mut second = connect(&second_db).await;
    run_all(first.as_mut(), FULL_SCHEMA).await;
    run_all(second.as_mut(), FULL_SCHEMA).await;
    let first = first.introspect().await.expect("introspects");
    assert_eq!(first, second.introspect().await.expect("introspects"));
    assert!(!first.routines.is_empty() && !first.views.is_empty());
}

#[tokio::test]
async fn each_table_is_held_whole_with_its_checks_generated_columns_special_indexes_and_events() {
    let Some(db) = database().await else { return };
    let mut conn = connect(&db).await;
    let conn = conn.as_mut();
    run_all(
        conn,
        &[
            "CREATE TABLE docs (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, parent_id int NULL, \
             title varchar(200) NOT NULL, body text NOT NULL, \
             slug varchar(200) AS (lower(title)) VIRTUAL, words int AS (char_length(body)) STORED, \
             FULLTEXT KEY docs_fulltext (title, body), KEY docs_title_prefix (title(20)), \
             CONSTRAINT docs_parent_fk FOREIGN KEY (parent_id) REFERENCES docs (id), \
             CONSTRAINT docs_title_check CHECK (title <> '')) AUTO_INCREMENT = 500",
            "CREATE EVENT docs_purge ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' \
             DISABLE DO DELETE FROM docs",
            "CREATE TRIGGER docs_trim_title BEFORE INSERT ON docs FOR EACH ROW \
             SET NEW.title = TRIM(NEW.title)",
            "CREATE TRIGGER docs_trim_body BEFORE INSERT ON docs FOR EACH ROW \
             SET NEW.body = TRIM(NEW.body)",
        ],
    )
    .await;
    let catalog = conn.introspect().await.expect("introspects");
    assert!(catalog.unsupported.is_empty(), "{:?}", catalog.unsupported);
    let docs = &catalog.tables[0];
    let whole = docs.create_sql.as_deref().unwrap_or_default();
    for part in [
        "CREATE TABLE `docs` (",
        "FULLTEXT KEY `docs_fulltext` (`title`,`body`)",
        "CONSTRAINT `docs_title_check` CHECK (",
        "GENERATED ALWAYS AS",
        "ENGINE=InnoDB",
    ] {
        assert!(whole.contains(part), "{part} is not in {whole}");
    }
    assert!(
        !whole.contains("FOREIGN KEY") && !whole.contains("AUTO_INCREMENT="),
        "without the foreign key and the counter: {whole}"
    );

    assert_eq!(docs.constraints.len(), 1, "{:?}", docs.constraints);
    let check = &docs.constraints[0];
    assert_eq!(
        (check.name.as_str(), check.kind.as_str()),
        ("docs_title_check", "check")
    );
    assert!(
        check.definition.starts_with("CHECK (") && check.definition.contains("`title` <>"),
        "{}",
        check.definition
    );
    let generated = |name: &str| {
        docs.columns
            .iter()
            .find(|c| c.name == name)
            .and_then(|c| c.generated.clone())
    };
    assert!(
        matches!(generated("slug"), Some(GeneratedInfo { ref expression, stored: false }) if expression.contains("(`title`)")),
        "{:?}",
        generated("slug")
    );
    assert!(
        matches!(generated("words"), Some(GeneratedInfo { stored: true, .. })),
        "{:?}",
        generated("words")
    );
    assert_eq!(generated("title"), None);
    let definition = |name: &str| {
        docs.indexes
            .iter()
            .find(|i| i.name == name)
            .map(|i| i.definition.clone())
    };
    assert_eq!(
        definition("docs_fulltext"),
        Some(Some(
            "CREATE FULLTEXT INDEX `docs_fulltext` ON `docs` (`title`, `body`)".into()
        ))
    );
    assert_eq!(
        definition("docs_title_prefix"),
        Some(Some(
            "CREATE INDEX `docs_title_prefix` ON `docs` (`title`(20))".into()
        ))
    );
    assert_eq!(definition("docs_parent_fk"), Some(None), "a plain key");

    assert_eq!(catalog.objects.len(), 1);
    let event = &catalog.objects[0];
    assert_eq!(
        (event.kind.as_str(), event.name.as_str(), event.stage),
        ("event", "docs_purge", Stage::Definitions)
    );
    let sql = event.create_sql.as_deref().unwrap_or_default();
    assert!(
        sql.contains("EVENT `docs_purge` ON SCHEDULE EVERY 1 DAY")
            && sql.ends_with("DELETE FROM docs"),
        "{sql}"
    );

    let triggers: Vec<&str> = catalog.triggers.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        triggers,
        ["docs_trim_title", "docs_trim_body"],
        "the order they fire in, which a dump creates them in"
    );

    if is_mariadb(conn).await {
        run_all(conn, &["CREATE SEQUENCE docs_numbers"]).await;
        let catalog = conn.introspect().await.expect("introspects");
        assert_eq!(catalog.unsupported, ["sequence `docs_numbers`"]);
    }
}

#[tokio::test]
async fn a_foreign_key_to_another_database_is_what_the_catalog_cannot_describe() {
    let Some(parent_db) = database().await else {
        return;
    };
    let Some(db) = database().await else { return };
    let mut parent = connect(&parent_db).await;
    run_all(
        parent.as_mut(),
        &["CREATE TABLE teams (id int PRIMARY KEY)"],
    )
    .await;
    let mut conn = connect(&db).await;
    let conn = conn.as_mut();
    run_all(
        conn,
        &[&format!(
            "CREATE TABLE players (team_id int, CONSTRAINT players_team FOREIGN KEY (team_id) \
             REFERENCES `{}`.teams (id))",
            parent_db.name
        )],
    )
    .await;
    let catalog = conn.introspect().await.expect("introspects");
    assert_eq!(
        catalog.unsupported,
        ["foreign key `players_team` of table `players` (it references another database)"]
    );
    run_all(conn, &["DROP TABLE players"]).await;
}
