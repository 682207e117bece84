//! An application that applies its migrations at start-up, then reads a row.
//!
//! `DATABASE_URL` names the database (`sqlite://tmp/app.sqlite3` by default); the application
//! opens its sqlx pool, hands it to [`dbm::Migrator`] and reads the role its migrations
//! inserted. `RUST_LOG=info` (the default) shows a `migrated NAME` line per migration applied.

use std::process::ExitCode;

use sqlx::{MySqlPool, PgPool, SqlitePool};

/// The migrations of `database/migrations/`, embedded at compile time.
static MIGRATIONS: dbm::EmbeddedMigrations = dbm::embed_migrations!("database/migrations");

/// The name of the role `1732540000001_insert_admin_role.sql` inserts.
const QUERY: &str = "SELECT name FROM roles ORDER BY id LIMIT 1";

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let url =
        std::env::var("DATABASE_URL").unwrap_or_else(|_| "sqlite://tmp/app.sqlite3".to_owned());
    match start(&url).await {
        Ok(role) => {
            println!("first role: {role}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Opens the pool, migrates, reads a row.
async fn start(url: &str) -> Result<String, Box<dyn std::error::Error>> {
    let migrator = dbm::Migrator::new(MIGRATIONS);
    let role = if url.starts_with("sqlite:") {
        let options: sqlx::sqlite::SqliteConnectOptions = url.parse()?;
        if let Some(folder) = options.get_filename().parent() {
            std::fs::create_dir_all(folder)?;
        }
        let pool = SqlitePool::connect_with(options.create_if_missing(true)).await?;
        migrator.run(&pool).await?;
        sqlx::query_scalar(QUERY).fetch_one(&pool).await?
    } else if url.starts_with("postgres") {
        let pool = PgPool::connect(url).await?;
        migrator.run(&pool).await?;
        sqlx::query_scalar(QUERY).fetch_one(&pool).await?
    } else {
        let pool = MySqlPool::connect(url).await?;
        migrator.run(&pool).await?;
        sqlx::query_scalar(QUERY).fetch_one(&pool).await?
    };
    Ok(role)
}
