//! Wiring: one function per concern (store, secret, routes, shutdown), so
//! `run` reads as the recipe it is.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use chat_core::{Chat, Deps, Store, SystemClock, UuidV7Generator};
use chat_ws::{GatewayConfig, Hub};
use warp::Filter;

use crate::config::{Config, StorageKind};

/// Starts the server and runs until SIGINT or SIGTERM.
pub async fn run(config: Config) -> anyhow::Result<()> {
    let store = open_store(&config).await?;
    let secret = signing_secret(&config)?;
    let hub = Hub::new(GatewayConfig {
        allowed_origins: config.allowed_origins.clone(),
        ..GatewayConfig::default()
    });
    let chat = Chat::new(Deps {
        store,
        clock: Arc::new(SystemClock),
        ids: Arc::new(UuidV7Generator),
        hasher: Arc::new(chat_auth::Argon2Hasher::default()),
        tokens: Arc::new(chat_auth::JwtTokens::new(&secret)),
        events: hub.clone(),
        presence: Arc::new(chat_memory::MemoryPresence::default()),
    });
    crate::retention::spawn_audit_pruning(chat.clone(), config.audit_retention_days);
    if let Some(addr) = config.metrics_listen {
        crate::metrics::serve(addr, config.listen, hub.clone())?;
    }
    serve(&config, hub, chat).await
}

/// Opens the configured store; a bad path, URL or an unreachable server is
/// one clear error.
async fn open_store(config: &Config) -> anyhow::Result<Arc<dyn Store>> {
    let url = config.database_url.as_deref().unwrap_or_default();
    let store: Arc<dyn Store> = match config.storage {
        StorageKind::Sqlite => {
            let store = chat_sqlite::SqliteStore::open(Path::new(url))
                .with_context(|| format!("cannot open the SQLite database at {url}"))?;
            Arc::new(store)
        }
        StorageKind::Postgres => Arc::new(
            chat_postgres::PgStore::connect(url)
                .await
                .context("cannot use the PostgreSQL database")?,
        ),
        StorageKind::Mongo => Arc::new(
            chat_mongo::MongoStore::connect(url)
                .await
                .context("cannot use the MongoDB database")?,
        ),
        StorageKind::Memory => {
            tracing::warn!("storage: memory; everything is lost when the server stops");
            Arc::new(chat_memory::MemoryStore::default())
        }
    };
    tracing::info!(storage = ?config.storage, "storage ready");
    Ok(store)
}

/// The token signing secret: configured, or generated once and kept in the
/// data folder so restarts keep sessions valid.
fn signing_secret(config: &Config) -> anyhow::Result<Vec<u8>> {
    if let Some(secret) = &config.jwt_secret {
        anyhow::ensure!(!secret.is_empty(), "CHAT_JWT_SECRET is empty");
        if secret.len() < 32 {
            tracing::warn!(
                "CHAT_JWT_SECRET is shorter than 32 characters; use a longer random secret"
            );
        }
        return Ok(secret.as_bytes().to_vec());
    }
    let path = config.data_dir.join("jwt-secret");
    chat_auth::load_or_create_secret(&path).with_context(|| {
        format!(
            "cannot read or create the signing secret {}",
            path.display()
        )
    })
}

/// Serves REST, the gateway and the web client on one port until a
/// shutdown signal; then closes sockets (1001) and lets requests finish.
async fn serve(config: &Config, hub: Arc<Hub>, chat: Chat) -> anyhow::Result<()> {
    let http = chat_http::HttpConfig {
        rate_limits: config.rate_limits,
        allowed_origins: config.allowed_origins.clone(),
        trust_forwarded_for: config.trust_forwarded_for,
    };
    let web = match &config.web_dir {
        Some(dir) => chat_http::web_app(dir.clone()),
        None => {
            tracing::warn!("no web client to serve (build it with scripts/run, or pass --web-dir)");
            warp::any()
                .and_then(|| async { Err::<Box<dyn warp::Reply>, _>(warp::reject::not_found()) })
                .boxed()
        }
    };
    let routes = chat_ws::route(hub.clone(), chat.clone())
        .or(chat_http::api(chat, http))
        .unify()
        .or(web)
        .unify()
        .recover(chat_http::handle_rejection)
        .unify()
        .boxed();
    // Pages of this server skip the cross-origin rules; other origins go
    // through CORS, whose refusals the second recover puts in the envelope.
    let cross_origin = routes
        .clone()
        .with(chat_http::cors(&config.allowed_origins))
        .recover(chat_http::handle_rejection);
    let routes = chat_http::same_origin().and(routes).or(cross_origin);
    let routes = chat_http::with_request_log(routes);
    let shutdown_hub = hub.clone();
    let (addr, server) = chat_http::bind(config.listen, routes, async move {
        shutdown_signal().await;
        tracing::info!("shutting down: closing sockets, finishing requests");
        shutdown_hub.shutdown().await;
    })
    .with_context(|| format!("cannot listen on {}", config.listen))?;
    announce(addr);
    server.await;
    tracing::info!("stopped");
    Ok(())
}

/// Prints where to connect, on stdout (scripts and tests read it).
fn announce(addr: SocketAddr) {
    println!("chat-server listening on http://{addr}");
}

/// Resolves on SIGINT or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!("cannot listen for Ctrl-C: {e}");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::error!("cannot listen for SIGTERM: {e}");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
