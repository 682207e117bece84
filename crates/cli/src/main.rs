//! The `dbm` binary: every built-in command and driver.

fn main() -> std::process::ExitCode {
    dbm_cli::Dbm::new().run()
}
