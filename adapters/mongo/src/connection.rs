//! Turning a connection URL into a ready store: options, a reachability
//! check that fails fast, and the indexes.

use std::time::Duration;

use chat_core::{StoreError, StoreResult};
use mongodb::bson::doc;
use mongodb::options::ClientOptions;
use mongodb::{Client, Database};

use crate::indexes;

/// The database used when the URL names none.
pub const DEFAULT_DATABASE: &str = "chat";

/// How long to look for a usable server before giving up, unless the URL
/// sets `serverSelectionTimeoutMS`: the driver's default (30 s) makes an
/// unreachable server look like a hang.
const SERVER_SELECTION_TIMEOUT: Duration = Duration::from_secs(5);

/// Parsed options plus the database name the URL asks for.
pub(crate) async fn options(url: &str) -> StoreResult<(ClientOptions, String)> {
    let mut options = ClientOptions::parse(url)
        .await
        .map_err(|e| StoreError::Backend(format!("mongodb: invalid connection URL: {e}")))?;
    if options.server_selection_timeout.is_none() {
        options.server_selection_timeout = Some(SERVER_SELECTION_TIMEOUT);
    }
    if options.app_name.is_none() {
        options.app_name = Some("chat-server".to_owned());
    }
    options.command_event_handler = Some(crate::timing::handler());
    let database = options
        .default_database
        .clone()
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| DEFAULT_DATABASE.to_owned());
    Ok((options, database))
}

/// Connects, checks the server answers, and creates the indexes.
pub(crate) async fn open(options: ClientOptions, database: &str) -> StoreResult<Database> {
    // Host list only: the URL may hold a password, which must not reach logs.
    let hosts = options
        .hosts
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let client = Client::with_options(options)
        .map_err(|e| StoreError::Backend(format!("mongodb: invalid client options: {e}")))?;
    let db = client.database(database);
    ping(&db).await.map_err(|e| {
        StoreError::Backend(format!("mongodb: cannot reach the server at {hosts}: {e}"))
    })?;
    indexes::ensure(&db).await?;
    crate::search::backfill(&db).await?;
    Ok(db)
}

/// One round trip to the server.
pub(crate) async fn ping(db: &Database) -> mongodb::error::Result<()> {
    db.run_command(doc! { "ping": 1 }).await.map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_database_name_comes_from_the_path_or_defaults_to_chat() {
        let (_, name) = options("mongodb://127.0.0.1:27017/").await.unwrap();
        assert_eq!(name, DEFAULT_DATABASE);
        let (_, name) = options("mongodb://127.0.0.1:27017").await.unwrap();
        assert_eq!(name, DEFAULT_DATABASE);
        let (_, name) = options("mongodb://127.0.0.1:27017/rooms?appName=x")
            .await
            .unwrap();
        assert_eq!(name, "rooms");
    }

    #[tokio::test]
    async fn server_selection_is_short_unless_the_url_says_otherwise() {
        let (o, _) = options("mongodb://127.0.0.1:27017/").await.unwrap();
        assert_eq!(o.server_selection_timeout, Some(SERVER_SELECTION_TIMEOUT));
        let (o, _) = options("mongodb://h/?serverSelectionTimeoutMS=1234")
            .await
            .unwrap();
        assert_eq!(
            o.server_selection_timeout,
            Some(Duration::from_millis(1234))
        );
    }
}
