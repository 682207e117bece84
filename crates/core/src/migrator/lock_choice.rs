//! [`LockChoice`]: which lock a run takes on a connection, `lock = "auto"` resolved.

use serde::Serialize;

use crate::config::{ClusterConfig, LockStrategy};
use crate::driver::Topology;

/// The lock strategy a run uses on one connection, and why: `lock` as configured, with
/// `auto` resolved by `pooler = true` and by what the connection sees in front of it
/// ([`Connection::topology`](crate::driver::Connection::topology)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LockChoice {
    /// `advisory`, `table` or `none` (never `auto`: resolved).
    pub strategy: LockStrategy,
    /// Why: `configured`, or what `auto` found.
    pub reason: String,
    /// A transaction pooler is in front (configured or detected).
    #[serde(skip)]
    pub pooler: bool,
    /// The connection is a Galera cluster.
    #[serde(skip)]
    pub galera: bool,
}

impl LockChoice {
    /// Resolves the `cluster` settings of a connection against its `topology`: `auto` is
    /// `table` behind a transaction pooler (configured with `pooler = true` or detected) and
    /// on a Galera cluster, `advisory` otherwise; any other strategy is kept.
    pub fn resolve(cluster: &ClusterConfig, topology: &Topology) -> Self {
        let (strategy, reason) = match (cluster.lock, topology) {
            (LockStrategy::Auto, _) if cluster.pooler == Some(true) => {
                (LockStrategy::Table, "auto: `pooler = true`".to_string())
            }
            (LockStrategy::Auto, Topology::Galera) => (
                LockStrategy::Table,
                "auto: a Galera cluster, `@@wsrep_on`".to_string(),
            ),
            (LockStrategy::Auto, Topology::Pooler { evidence }) => (
                LockStrategy::Table,
                format!("auto: a transaction pooler, {evidence}"),
            ),
            (LockStrategy::Auto, Topology::Direct) => (LockStrategy::Advisory, "auto".to_string()),
            (other, _) => (other, "configured".to_string()),
        };
        Self {
            strategy,
            reason,
            pooler: matches!(topology, Topology::Pooler { .. }) || cluster.pooler == Some(true),
            galera: *topology == Topology::Galera,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cluster(lock: LockStrategy, pooler: Option<bool>) -> ClusterConfig {
        ClusterConfig {
            lock,
            pooler,
            ..ClusterConfig::default()
        }
    }

    #[test]
    fn auto_is_advisory_on_a_direct_connection() {
        let choice = LockChoice::resolve(&ClusterConfig::default(), &Topology::Direct);
        assert_eq!(choice.strategy, LockStrategy::Advisory);
        assert_eq!(choice.reason, "auto");
        assert!(!choice.pooler && !choice.galera);
    }

    #[test]
    fn auto_is_table_on_galera_and_behind_a_pooler() {
        let galera = LockChoice::resolve(&ClusterConfig::default(), &Topology::Galera);
        assert_eq!(galera.strategy, LockStrategy::Table);
        assert!(galera.galera && !galera.pooler);
        let evidence = "the server listens on port 5432 but the URL says 6432".to_string();
        let pooled = LockChoice::resolve(
            &ClusterConfig::default(),
            &Topology::Pooler {
                evidence: evidence.clone(),
            },
        );
        assert_eq!(pooled.strategy, LockStrategy::Table);
        assert_eq!(
            pooled.reason,
            format!("auto: a transaction pooler, {evidence}")
        );
        assert!(pooled.pooler);
        let said = LockChoice::resolve(&cluster(LockStrategy::Auto, Some(true)), &Topology::Direct);
        assert_eq!(said.strategy, LockStrategy::Table);
        assert!(said.pooler);
    }

    #[test]
    fn a_configured_strategy_is_kept() {
        let choice = LockChoice::resolve(&cluster(LockStrategy::None, None), &Topology::Galera);
        assert_eq!(choice.strategy, LockStrategy::None);
        assert_eq!(choice.reason, "configured");
        assert!(choice.galera);
    }
}
