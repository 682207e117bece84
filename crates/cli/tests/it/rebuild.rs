//! SQLite table rebuilds lose nothing.

use crate::support::Project;

#[test]
fn a_parent_rebuilt_by_alter_columns_keeps_its_cascade_children() {
    let parent = "-- dbm:up\n\
        CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, email VARCHAR(100) NOT NULL);\n\
        CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE);\n\
        CREATE TABLE comments (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id) ON DELETE CASCADE);\n\
        CREATE INDEX users_email_index ON users (email);\n\
        CREATE TRIGGER users_touch AFTER UPDATE ON users BEGIN SELECT 1; END;\n\
        CREATE VIEW user_emails AS SELECT id, email FROM users;\n\
        INSERT INTO users (email) VALUES ('a@x'), ('b@x');\n\
        INSERT INTO posts (user_id) VALUES (1), (1), (2);\n\
        INSERT INTO comments (user_id) VALUES (2);\n\
        -- dbm:down\nDROP VIEW user_emails;\nDROP TABLE comments;\nDROP TABLE posts;\nDROP TABLE users;\n";
    let alter = "[[up]]\nalter_table = \"users\"\nalter_columns = [\n  { name = \"email\", type = \"string\", length = 254, nullable = false },\n]\n\n\
        [[down]]\nalter_table = \"users\"\nalter_columns = [\n  { name = \"email\", type = \"string\", length = 100, nullable = false },\n]\n";
    let project =
        Project::with_migrations(&[("1_users.sql", parent), ("2_widen_email.toml", alter)]);
    project.ok(&["migration:run"]);

    assert_eq!(project.query("SELECT COUNT(*) FROM posts"), [["3"]]);
    assert_eq!(project.query("SELECT COUNT(*) FROM comments"), [["1"]]);
    assert_eq!(project.query("SELECT COUNT(*) FROM user_emails"), [["2"]]);
    let sql = project.query("SELECT sql FROM sqlite_master WHERE name = 'users'");
    assert!(sql[0][0].contains("varchar(254)"), "{sql:?}");
    let kept = project.query(
        "SELECT name FROM sqlite_master WHERE name IN ('users_email_index', 'users_touch', 'user_emails') ORDER BY name",
    );
    assert_eq!(
        kept,
        [["user_emails"], ["users_email_index"], ["users_touch"]]
    );
    assert_eq!(
        project.query("PRAGMA foreign_key_check"),
        Vec::<Vec<String>>::new()
    );

    project.ok(&["migration:rollback", "--step", "1"]);
    assert_eq!(project.query("SELECT COUNT(*) FROM posts"), [["3"]]);
    let sql = project.query("SELECT sql FROM sqlite_master WHERE name = 'users'");
    assert!(sql[0][0].contains("varchar(100)"), "{sql:?}");
}
