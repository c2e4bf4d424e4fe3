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
    /// This instance's id (generated at each start; names it in a cluster).
    instance: String,
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
        let instance = uuid::Uuid::new_v4().to_string();
        let cluster = join_cluster(&config, &instance).await?;
        let presence: Arc<dyn chat_core::presence::Presence> = match &cluster {
            Some(cluster) => cluster.presence(),
            None => Arc::new(chat_memory::MemoryPresence::default()),
        };
        let counters = cluster
            .as_ref()
            .map(|c| c.counters() as Arc<dyn chat_core::limits::CounterStore>);
        let chat = Chat::new(Deps {
            store,
            clock: Arc::new(SystemClock),
            ids: Arc::new(UuidV7Generator),
            hasher: Arc::new(chat_auth::Argon2Hasher::default()),
            tokens: Arc::new(chat_auth::JwtTokens::new(&secret)),
            events: hub.clone(),
            presence,
            mfa: Arc::new(chat_auth::RealMfaCrypto::new(&mfa_key)),
        });
        let chat = config.with_limits(chat, counters);
        if let Some(cluster) = &cluster {
            hub.join_cluster(cluster.bus());
            cluster.start(hub.clone());
            if let Some(lost) = cluster.presence().lost_users() {
                tokio::spawn(announce_lost(chat.clone(), lost));
            }
        }
        let chat = chat.with_cluster(Arc::new(InstanceHealth {
            hub: hub.clone(),
            cluster: cluster.clone(),
        }));
        let mut chat = chat.with_attachments(attachments(&config, &secret)?);
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
        crate::retention::spawn_attachment_sweep(chat.clone());
        if let Some(addr) = config.metrics_listen {
            crate::metrics::serve(addr, config.listen, hub.clone())?;
        }
        let flusher = tokio::spawn(flush_read_markers_every_second(chat.clone()));
        let routes = routes(&config, hub.clone(), chat.clone());
        let stopped = async move {
            shutdown.await;
            tracing::info!("shutting down: closing sockets, finishing requests");
            hub.shutdown().await;
        };
        let (address, server) =
            chat_http::bind_with(config.listen, routes, stopped, config.serve_limits())
                .with_context(|| format!("cannot listen on {}", config.listen))?;
        tracing::info!(%instance, "listening on http://{address}");
        Ok(Self {
            address,
            instance,
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

    /// This instance's id, generated at start (logged; a cluster's
    /// instances tell their messages apart by it).
    pub fn instance(&self) -> &str {
        &self.instance
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

/// Connects to the cluster's Redis when `--cluster` is set; logs this
/// instance's id either way.
async fn join_cluster(
    config: &Config,
    instance: &str,
) -> anyhow::Result<Option<Arc<chat_redis::RedisCluster>>> {
    let Some(url) = &config.cluster else {
        tracing::info!(%instance, "single instance (no --cluster)");
        return Ok(None);
    };
    if config.jwt_secret.is_none() {
        tracing::warn!(
            "cluster: CHAT_JWT_SECRET is not set; every instance must share the data folder's \
             jwt-secret and mfa-key files, or tokens from one are refused by another"
        );
    }
    let cluster = chat_redis::RedisCluster::connect(
        url.expose(),
        instance,
        chat_redis::ClusterTimings::default(),
    )
    .await
    .map_err(|e| anyhow::anyhow!("--cluster (CHAT_CLUSTER): {e}"))?;
    tracing::info!(%instance, "cluster: joined through Redis");
    Ok(Some(cluster))
}

/// What `/healthz` checks beyond the store: that this instance is not
/// draining (SIGTERM), and that the cluster's Redis answers.
struct InstanceHealth {
    hub: Arc<Hub>,
    cluster: Option<Arc<chat_redis::RedisCluster>>,
}

#[async_trait::async_trait]
impl chat_core::cluster::ClusterHealth for InstanceHealth {
    async fn check(&self) -> chat_core::StoreResult<()> {
        if self.hub.is_draining() {
            return Err(chat_core::StoreError::Unavailable(
                "shutting down: draining sockets".into(),
            ));
        }
        match &self.cluster {
            Some(cluster) => cluster.check().await,
            None => Ok(()),
        }
    }
}

/// Announces offline the users of dead instances (see `chat_redis`'s
/// presence).
async fn announce_lost(
    chat: Chat,
    mut lost: tokio::sync::mpsc::UnboundedReceiver<chat_core::ids::UserId>,
) {
    while let Some(user) = lost.recv().await {
        if let Err(e) = chat.connections_lost(user).await {
            tracing::warn!(error = %e, %user, "could not announce a lost connection");
        }
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

/// Attachments: files in the configured folder (by default `blobs/` in
/// the data folder), images probed with the `image` crate, download URLs
/// signed with a key derived from the token signing secret. Without rate
/// limits (tests, benchmarks) there is no upload rate or storage quota.
fn attachments(
    config: &Config,
    secret: &[u8],
) -> anyhow::Result<chat_core::attachments::AttachmentDeps> {
    let blobs: Arc<dyn chat_core::attachments::BlobStore> = match config.blob_store.as_deref() {
        Some(url) if url.starts_with("s3://") => {
            let store = chat_blobs::S3BlobStore::from_url(url)
                .map_err(|e| anyhow::anyhow!("--blob-store {url}: {e}"))?;
            tracing::info!("attachments: stored in S3-compatible object storage");
            Arc::new(store)
        }
        other => {
            let folder = match other {
                None => config.data_dir.join("blobs"),
                Some(path) => Path::new(path.strip_prefix("file://").unwrap_or(path)).to_path_buf(),
            };
            let store = chat_blobs::FsBlobStore::open(&folder).with_context(|| {
                format!("cannot create the attachment folder {}", folder.display())
            })?;
            tracing::info!(
                folder = %folder.display(),
                "attachments: stored on local disk (with several instances, use --blob-store s3://… so they share the files)"
            );
            Arc::new(store)
        }
    };
    let mut policy = chat_core::attachments::AttachmentPolicy {
        max_upload_bytes: config.max_upload_mib.saturating_mul(1024 * 1024),
        ..Default::default()
    };
    if !config.rate_limits {
        policy.uploads_per_window = u64::MAX;
        policy.quota_bytes = u64::MAX;
    }
    let key = [b"chat attachment urls:".as_slice(), secret].concat();
    Ok(chat_core::attachments::AttachmentDeps {
        blobs,
        images: Arc::new(chat_blobs::ImageCrateProbe::default()),
        signer: Arc::new(chat_blobs::HmacSigner::new(key)),
        policy,
    })
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
