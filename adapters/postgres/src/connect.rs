//! Building the pool from a URL and checking that the server answers, with
//! errors an operator can act on (and that never echo the password).

use std::str::FromStr;
use std::time::Duration;

use chat_core::{StoreError, StoreResult};
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Runtime};
use tokio_postgres::config::Host;
use tokio_postgres::{Config, NoTls};

use crate::error::chain;

/// How the connection pool behaves.
#[derive(Debug, Clone)]
pub struct PoolOptions {
    /// Most connections open at once.
    pub max_size: usize,
    /// How long a request waits for a free connection, or for a new one to
    /// be made, before failing.
    pub timeout: Duration,
}

impl Default for PoolOptions {
    fn default() -> Self {
        Self {
            max_size: 16,
            timeout: Duration::from_secs(10),
        }
    }
}

/// Parses `url`, builds the pool and gets one connection from it.
pub(crate) async fn pool(url: &str, options: &PoolOptions) -> StoreResult<Pool> {
    if url.trim().is_empty() {
        return Err(StoreError::Backend(String::from(
            "no PostgreSQL URL given (postgres://user:password@host:port/database)",
        )));
    }
    let mut config = Config::from_str(url)
        .map_err(|e| StoreError::Backend(format!("invalid PostgreSQL URL: {}", chain(&e))))?;
    if config.get_connect_timeout().is_none() {
        // An unreachable host must fail in seconds, not hang the start.
        config.connect_timeout(options.timeout);
    }
    let target = describe(&config);
    let manager = Manager::from_config(
        config,
        NoTls,
        ManagerConfig {
            recycling_method: RecyclingMethod::Fast,
        },
    );
    let pool = Pool::builder(manager)
        .max_size(options.max_size)
        .runtime(Runtime::Tokio1)
        .wait_timeout(Some(options.timeout))
        .create_timeout(Some(options.timeout))
        .recycle_timeout(Some(options.timeout))
        .build()
        .map_err(|e| StoreError::Backend(format!("cannot build the PostgreSQL pool: {e}")))?;
    if let Err(e) = pool.get().await {
        return Err(StoreError::Backend(format!(
            "cannot connect to PostgreSQL at {target}: {}",
            reason(&e)
        )));
    }
    Ok(pool)
}

/// `user@host:port/db`, for messages: everything but the password.
fn describe(config: &Config) -> String {
    let hosts: Vec<String> = config
        .get_hosts()
        .iter()
        .zip(config.get_ports().iter().chain(std::iter::repeat(&5432)))
        .map(|(host, port)| match host {
            Host::Tcp(name) => format!("{name}:{port}"),
            #[cfg(unix)]
            Host::Unix(path) => format!("{}:{port}", path.display()),
        })
        .collect();
    let hosts = if hosts.is_empty() {
        String::from("(no host)")
    } else {
        hosts.join(",")
    };
    format!(
        "{}@{hosts}/{}",
        config.get_user().unwrap_or("?"),
        config.get_dbname().unwrap_or("?")
    )
}

/// The innermost useful cause of a pool error ("connection refused",
/// "password authentication failed for user …").
fn reason(e: &deadpool_postgres::PoolError) -> String {
    use deadpool_postgres::PoolError;
    match e {
        PoolError::Backend(e) => match e.as_db_error() {
            Some(db) => db.message().to_owned(),
            None => chain(e),
        },
        PoolError::Timeout(_) => String::from("timed out"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describe_hides_the_password() {
        let config = Config::from_str("postgres://chat:secret@db.example:6543/chat").unwrap();
        let text = describe(&config);
        assert_eq!(text, "chat@db.example:6543/chat");
        assert!(!text.contains("secret"));
    }
}
