//! [`PluginDriver`]: a [`Driver`] whose work happens in a plugin.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use async_trait::async_trait;
use dbm_core::driver::{ConnectOptions, Connection};
use dbm_core::{ConnectionConfig, Dialect, Driver, DriverError};

use super::client::{Client, Reply, Transport, call_blocking};
use super::connection::PluginConnection;
use super::dialect::PluginDialect;
use super::error::PluginError;
use crate::abi::DriverTable;
use crate::wire::{DialectInfo, Request};

/// A driver served by a plugin, usable wherever a built-in [`Driver`] is.
///
/// Get one from [`load`](crate::load) or [`load_driver`](crate::load_driver). Cloning is
/// cheap and shares the plugin.
#[derive(Clone)]
pub struct PluginDriver {
    client: Arc<Client>,
    name: String,
    version: String,
    dialect: Arc<PluginDialect>,
}

impl std::fmt::Debug for PluginDriver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PluginDriver")
            .field("path", &self.client.path())
            .field("name", &self.name)
            .field("version", &self.version)
            .finish()
    }
}

impl PluginDriver {
    /// A driver over a loaded library's table.
    pub(super) fn from_table(
        path: PathBuf,
        table: &'static DriverTable,
        name: String,
        version: String,
    ) -> Result<Self, PluginError> {
        Self::start(Client::new(path, Transport::Library(table)), name, version)
    }

    /// Serves a linked-in driver through the wire format, in this process: every call is
    /// encoded, answered by [`serve`](crate::serve) and decoded as it would be across the
    /// ABI. For tests of the wire format and of code that takes a `PluginDriver`.
    ///
    /// # Errors
    ///
    /// As [`load`](crate::load), when the driver's dialect cannot be described.
    pub fn in_process<D: Driver + 'static>(driver: D) -> Result<Self, PluginError> {
        let name = driver.name().to_owned();
        let version = driver.version().to_owned();
        let label = PathBuf::from(format!("<in-process {name}>"));
        let driver = Arc::new(driver);
        let serve = Arc::new(move |request: &[u8]| crate::serve(driver.as_ref(), request));
        Self::start(
            Client::new(label, Transport::InProcess(serve)),
            name,
            version,
        )
    }

    /// A driver whose requests are answered by `serve` (serialized request in, serialized
    /// response out), reported under the name `label`. For tests of how the host copes with
    /// a misbehaving plugin.
    ///
    /// # Errors
    ///
    /// As [`load`](crate::load): [`PluginError::BadResponse`] when the answer to the first
    /// request (the dialect's description) is malformed.
    pub fn from_fn(
        label: impl Into<PathBuf>,
        name: &str,
        version: &str,
        serve: impl Fn(&[u8]) -> Vec<u8> + Send + Sync + 'static,
    ) -> Result<Self, PluginError> {
        let client = Client::new(label.into(), Transport::InProcess(Arc::new(serve)));
        Self::start(client, name.to_owned(), version.to_owned())
    }

    /// Asks the dialect's fixed facts and builds the driver.
    fn start(client: Client, name: String, version: String) -> Result<Self, PluginError> {
        let client = Arc::new(client);
        let path = client.path().to_path_buf();
        let facts = match client.call::<DialectInfo>(&Request::DialectInfo)? {
            Reply::Ok(facts) => facts,
            Reply::Err(source) => return Err(PluginError::Failed { path, source }),
            Reply::Unsupported => {
                return Err(PluginError::BadResponse {
                    path,
                    reason: "it does not answer `dialect_info`, which every plugin must".into(),
                });
            }
        };
        let info = match facts.info.clone() {
            Some(info) => info,
            None => derive_info(&client, &facts)?,
        };
        let dialect = Arc::new(PluginDialect::new(Arc::clone(&client), facts, info));
        Ok(Self {
            client,
            name,
            version,
            dialect,
        })
    }

    /// The plugin's library (for [`PluginDriver::in_process`], a label).
    pub fn path(&self) -> &Path {
        self.client.path()
    }

    /// The wire version of the plugin's last answer.
    pub fn wire_version(&self) -> u32 {
        self.client.peer_wire()
    }
}

#[async_trait]
impl Driver for PluginDriver {
    fn name(&self) -> &str {
        &self.name
    }

    fn version(&self) -> &str {
        &self.version
    }

    fn dialect(&self) -> Arc<dyn Dialect> {
        self.dialect.clone()
    }

    async fn connect(
        &self,
        config: &ConnectionConfig,
        options: ConnectOptions,
    ) -> Result<Box<dyn Connection>, DriverError> {
        let request = Request::Connect {
            config: config.clone(),
            options,
        };
        let handle: u64 = call_blocking(&self.client, request)
            .await?
            .required(&self.client, "connect")?;
        Ok(Box::new(PluginConnection::new(
            Arc::clone(&self.client),
            handle,
        )))
    }

    async fn create_database(&self, config: &ConnectionConfig) -> Result<bool, DriverError> {
        let request = Request::CreateDatabase {
            config: config.clone(),
        };
        call_blocking(&self.client, request)
            .await?
            .required(&self.client, "create_database")
    }

    async fn drop_database(&self, config: &ConnectionConfig) -> Result<bool, DriverError> {
        let request = Request::DropDatabase {
            config: config.clone(),
        };
        call_blocking(&self.client, request)
            .await?
            .required(&self.client, "drop_database")
    }
}

/// The [`dbm_core::dialect::DialectInfo`] of a plugin of wire version 1, whose `dialect_info`
/// has no `info`: the family its name stands for (`postgres`, `mysql`, `sqlite`, else `ansi`)
/// with that family's rules, the capabilities it answered, and the quoting and placeholders it
/// answers for `quote_identifier("x")` and `placeholder(1)` (the trait's defaults when it
/// answers `unsupported`). A failure, or an answer neither style explains, is a load error.
fn derive_info(
    client: &Client,
    facts: &DialectInfo,
) -> Result<dbm_core::dialect::DialectInfo, PluginError> {
    use dbm_core::dialect::{Family, IdentifierQuote, PlaceholderStyle};

    let path = client.path().to_path_buf();
    let ask = |request: Request| -> Result<Option<String>, PluginError> {
        match client.call::<String>(&request)? {
            Reply::Ok(text) => Ok(Some(text)),
            Reply::Unsupported => Ok(None),
            Reply::Err(source) => Err(PluginError::Failed {
                path: path.clone(),
                source,
            }),
        }
    };
    let family = Family::from_name(&facts.name).unwrap_or(Family::Ansi);
    let mut info = dbm_core::dialect::DialectInfo::of_family(family);
    info.capabilities = facts.capabilities;
    let quoted = ask(Request::QuoteIdentifier { ident: "x".into() })?;
    info.quoting = match quoted.as_deref() {
        None | Some("\"x\"") => IdentifierQuote::Double,
        Some("`x`") => IdentifierQuote::Backtick,
        Some(other) => {
            return Err(PluginError::BadResponse {
                path,
                reason: format!(
                    "it speaks wire version 1 and quotes `x` as {other}, neither \"x\" nor `x`: \
                     rebuild it with this dbm-plugin to send its dialect info"
                ),
            });
        }
    };
    let placeholder = ask(Request::Placeholder { index: 1 })?;
    info.placeholder = match placeholder.as_deref() {
        None | Some("?") => PlaceholderStyle::Question,
        Some("$1") => PlaceholderStyle::Numbered,
        Some(other) => {
            return Err(PluginError::BadResponse {
                path,
                reason: format!(
                    "it speaks wire version 1 and writes the first placeholder as {other}, \
                     neither ? nor $1: rebuild it with this dbm-plugin to send its dialect info"
                ),
            });
        }
    };
    Ok(info)
}
