//! A custom `dbm` binary built on `dbm-cli` as a library: every built-in command and driver,
//! plus the third-party `sqlite_strict` driver linked in statically (no plugin file to ship)
//! and a migration and a seeder written in Rust embedded in the binary.
//!
//! ```text
//! cargo build -p dbm-example-custom
//! target/debug/custom-dbm -c strict migration:fresh --seed
//! ```

use std::process::ExitCode;

use dbm_core::migration::{Migration, RustMigration};
use dbm_core::schema::Schema;
use dbm_core::seed::{RustSeeder, Seed, Seeder};

/// Application settings, created by code rather than by a file.
struct CreateSettingsTable;

impl RustMigration for CreateSettingsTable {
    fn up(&self, schema: &mut Schema) {
        schema.create_table("settings", |t| {
            t.increments("id");
            t.string("key").length(100).not_null().unique();
            t.text("value");
            t.timestamps();
        });
    }
}

/// The settings a new installation starts with.
struct DefaultSettings;

impl RustSeeder for DefaultSettings {
    fn run(&self, seed: &mut Seed) {
        seed.insert(
            "settings",
            [
                vec![("key", "site_name".into()), ("value", "dbm demo".into())],
                vec![("key", "locale".into()), ("value", "en".into())],
            ],
        );
    }
}

fn main() -> ExitCode {
    dbm_cli::Dbm::new()
        .driver(dbm_driver_sqlite_strict::SqliteStrictDriver)
        .migrations([Migration::from_rust(
            "database/migrations/1732540000005_create_settings_table",
            &CreateSettingsTable,
        )])
        .seeders([Seeder::from_rust(
            "database/seeders/default_settings",
            &DefaultSettings,
        )])
        .run()
}
