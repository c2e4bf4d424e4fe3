//! [`Application`]: the recipe, one function per concern (store, secret,
//! routes, shutdown).

use std::future::Future;
use std::net::SocketAddr;
use std::path::Path;
use std::pin::Pin;
use std::sync::Arc;

use anyhow::Context;
use chat_core::{Chat, Deps, Store, SystemClock, UuidV7Generator};
use chat_ws::Hub;
use warp::Filter;

use crate::config::{Config, StorageKind};

/// The server, bound and ready: [`address`](Self::address) is where it
/// listens, [`run_until_stopped`](Self::run_until_stopped) serves.
pub struct Application {
    address: SocketAddr,
    server: Pin<Box<dyn Future<Output = ()> + Send>>,
    chat: Chat,
    flusher: tokio::task::JoinHandle<()>,
}

impl Application {
    /// Opens the store, wires the adapters and binds `config.listen`;
    /// serves until SIGINT or SIGTERM.
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        Self::build_with_shutdown(config, shutdown_signal()).await
    }

    /// Like [`build`](Self::build), but serves until `shutdown` resolves
    /// (tests and embedders stop it themselves). Either way, shutting down
    /// closes sockets with 1001 and lets requests in flight finish.
    pub async fn build_with_shutdown(
        config: Config,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<Self> {
        config.prepare_data_dir()?;
        let store = open_store(&config).await?;
        let secret = signing_secret(&config)?;
        let mfa_key = mfa_key(&config)?;
        let hub = Hub::new(config.gateway());
        let mut chat = config.with_limits(Chat::new(Deps {
            store,
            clock: Arc::new(SystemClock),
            ids: Arc::new(UuidV7Generator),
            hasher: Arc::new(chat_auth::Argon2Hasher::default()),
            tokens: Arc::new(chat_auth::JwtTokens::new(&secret)),
            events: hub.clone(),
            presence: Arc::new(chat_memory::MemoryPresence::default()),
            mfa: Arc::new(chat_auth::RealMfaCrypto::new(&mfa_key)),
        }));
        if let Some(max_number) = config.signup_challenge {
            let policy = chat_core::challenge::ChallengePolicy {
                max_number,
                ..Default::default()
            };
            let crypto = Arc::new(chat_auth::RealChallengeCrypto::new(&mfa_key));
            chat = chat
                .with_signup_challenge(chat_core::challenge::SignupChallenge::new(policy, crypto));
            tracing::info!(max_number, "sign-ups need a solved proof-of-work challenge");
        }
        crate::retention::spawn_audit_pruning(chat.clone(), config.audit_retention_days);
        if let Some(addr) = config.metrics_listen {
            crate::metrics::serve(addr, config.listen, hub.clone())?;
        }
        let flusher = tokio::spawn(flush_read_markers_every_second(chat.clone()));
        let routes = routes(&config, hub.clone(), chat.clone());
        let (address, server) = chat_http::bind(config.listen, routes, async move {
            shutdown.await;
            tracing::info!("shutting down: closing sockets, finishing requests");
            hub.shutdown().await;
        })
        .with_context(|| format!("cannot listen on {}", config.listen))?;
        tracing::info!("listening on http://{address}");
        Ok(Self {
            address,
            server: Box::pin(server),
            chat,
            flusher,
        })
    }

    /// The address the server is bound to (the real port when
    /// `--listen` asked for port 0).
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Serves until the shutdown signal, then until requests in flight
    /// are done.
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        self.server.await;
        // Every request has finished: no ack can arrive any more.
        self.flusher.abort();
        match self.chat.flush_read_markers(true).await {
            Ok(n) => tracing::info!(written = n, "read markers flushed"),
            Err(e) => tracing::error!(error = %e, "could not write the last read markers"),
        }
        tracing::info!("stopped");
        Ok(())
    }
}

/// Opens the configured store; a bad path, URL or an unreachable server is
/// one clear error.
async fn open_store(config: &Config) -> anyhow::Result<Arc<dyn Store>> {
    let url = config
        .database_url
        .as_ref()
        .map(crate::Secret::expose)
        .unwrap_or_default();
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

/// The key that seals TOTP secrets and keys the digests of recovery codes:
/// generated once and kept in the data folder (`mfa-key`), apart from the
/// database, so a copy of the database alone does not reveal the secrets.
/// Losing it turns two-factor sign-in off in effect: every user then needs
/// a recovery code... which is keyed too, so back this file up with the
/// database's backups, kept separately.
fn mfa_key(config: &Config) -> anyhow::Result<Vec<u8>> {
    let path = config.data_dir.join("mfa-key");
    chat_auth::load_or_create_secret(&path).with_context(|| {
        format!(
            "cannot read or create the two-factor key {}",
            path.display()
        )
    })
}

/// The token signing secret: configured, or generated once and kept in the
/// data folder so restarts keep sessions valid.
fn signing_secret(config: &Config) -> anyhow::Result<Vec<u8>> {
    if let Some(secret) = &config.jwt_secret {
        // Its length was checked when the configuration was loaded.
        return Ok(secret.expose().as_bytes().to_vec());
    }
    let path = config.data_dir.join("jwt-secret");
    chat_auth::load_or_create_secret(&path).with_context(|| {
        format!(
            "cannot read or create the signing secret {}",
            path.display()
        )
    })
}

/// REST, the gateway and the web client as one filter: pages of this
/// server skip the cross-origin rules; other origins go through CORS,
/// whose refusals the second recover puts in the envelope.
fn routes(
    config: &Config,
    hub: Arc<Hub>,
    chat: Chat,
) -> warp::filters::BoxedFilter<(Box<dyn warp::Reply>,)> {
    let http = chat_http::HttpConfig {
        rate_limits: config.rate_limits,
        allowed_origins: config.allowed_origins.clone(),
        trust_forwarded_for: config.trust_forwarded_for,
    };
    let web = match (&config.web_dir, builtin_web()) {
        (Some(dir), _) => chat_http::web_app_for(dir.clone(), config.allowed_origins.to_list()),
        (None, Some(files)) => {
            tracing::info!("serving the web client built into this binary");
            chat_http::web_app_from(files, config.allowed_origins.to_list())
        }
        (None, None) => {
            tracing::warn!("no web client to serve (build it with scripts/run, or pass --web-dir)");
            warp::any()
                .and_then(|| async { Err::<Box<dyn warp::Reply>, _>(warp::reject::not_found()) })
                .boxed()
        }
    };
    let routes = chat_ws::route(hub, chat.clone())
        .or(chat_http::api(chat, http))
        .unify()
        .or(web)
        .unify()
        .recover(chat_http::handle_rejection)
        .unify()
        .boxed();
    let cross_origin = routes
        .clone()
        .with(chat_http::cors(&config.allowed_origins.to_list()))
        .recover(chat_http::handle_rejection);
    let routes = chat_http::same_origin().and(routes).or(cross_origin);
    chat_http::with_request_log(routes)
}

/// The web client built into the binary (`--features embedded-web`).
#[cfg(feature = "embedded-web")]
fn builtin_web() -> Option<Arc<dyn chat_http::WebFiles>> {
    crate::embedded::files()
}

/// Without `--features embedded-web` there is none.
#[cfg(not(feature = "embedded-web"))]
fn builtin_web() -> Option<Arc<dyn chat_http::WebFiles>> {
    None
}

/// Writes coalesced read markers once they are due (see `chat_core::reads`).
async fn flush_read_markers_every_second(chat: Chat) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        if let Err(e) = chat.flush_read_markers(false).await {
            tracing::warn!(error = %e, "could not write read markers; will retry");
        }
    }
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
