//! Settings, layered as SPEC.md says: command-line flags, then `CHAT_*`
//! environment variables, then an optional `chat.toml`, then defaults.
//!
//! clap reads flags and environment together (a flag wins over its
//! variable); whatever neither gave is taken from the file, then from the
//! defaults below. The result is one plain, typed [`Config`].

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use clap::Parser;
use serde::Deserialize;

use crate::secret::Secret;
use chat_http::AllowedOrigins;

/// Where data lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StorageKind {
    /// Embedded SQLite file (the default).
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
    /// A MongoDB server.
    Mongo,
    /// Memory only: lost at exit (tests, demos).
    Memory,
}

/// How log lines are written (both keep each request's id).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// For people: one coloured line per event (the default).
    #[default]
    Pretty,
    /// For log collectors: one JSON object per line.
    Json,
}

/// The command line; each flag also reads its `CHAT_*` variable.
#[derive(Debug, Parser)]
#[command(
    name = "chat-server",
    version,
    about = "A self-hostable real-time chat server"
)]
struct Flags {
    /// Address to listen on [default: 127.0.0.1:8080].
    #[arg(long, env = "CHAT_LISTEN")]
    listen: Option<SocketAddr>,
    /// Storage: sqlite (default), postgres, mongo, memory.
    #[arg(long, env = "CHAT_STORAGE", value_enum)]
    storage: Option<StorageKind>,
    /// A file path for sqlite [default: ./data/chat.db], a URL otherwise.
    #[arg(long, env = "CHAT_DATABASE_URL")]
    database_url: Option<String>,
    /// The built web client to serve under /app/ [default: the one built into
    /// the binary (feature embedded-web), else ./web/out if it exists].
    #[arg(long, env = "CHAT_WEB_DIR")]
    web_dir: Option<PathBuf>,
    /// Comma-separated origins allowed to call the API and open sockets from a browser.
    #[arg(long, env = "CHAT_ALLOWED_ORIGINS", value_delimiter = ',')]
    allowed_origins: Option<Vec<String>>,
    /// Every rate limit and quota (logins, sign-ups, writes, socket frames
    /// and sessions): on (default) or off (tests and benchmarks).
    #[arg(long, env = "CHAT_RATE_LIMITS")]
    rate_limits: Option<OnOff>,
    /// Behind a reverse proxy: take the client address from X-Forwarded-For
    /// (for login throttling): on or off (default).
    #[arg(long, env = "CHAT_TRUST_FORWARDED_FOR")]
    trust_forwarded_for: Option<OnOff>,
    /// Folder for generated state (the token signing secret) [default: the
    /// SQLite file's folder, else ./data].
    #[arg(long, env = "CHAT_DATA_DIR")]
    data_dir: Option<PathBuf>,
    /// Serve Prometheus metrics at /metrics on this address (off by default;
    /// never the public port).
    #[arg(long, env = "CHAT_METRICS_LISTEN")]
    metrics_listen: Option<SocketAddr>,
    /// Log lines: pretty (default) or json.
    #[arg(long, env = "CHAT_LOG_FORMAT", value_enum)]
    log_format: Option<LogFormat>,
    /// Days the audit log keeps its entries; 0 keeps them forever [default: 90].
    #[arg(long, env = "CHAT_AUDIT_RETENTION_DAYS")]
    audit_retention_days: Option<u32>,
    /// The largest attachment, in MiB [default: 25].
    #[arg(long, env = "CHAT_MAX_UPLOAD_MIB")]
    max_upload_mib: Option<u64>,
    /// Where attachment files go: a folder path [default: <data dir>/blobs],
    /// or s3://bucket?endpoint=…&region=… (credentials from AWS_* variables).
    #[arg(long, env = "CHAT_BLOB_STORE")]
    blob_store: Option<String>,
    /// Run as one instance of a cluster sharing events, presence and
    /// throttles through this Redis (redis://host:6379); needs
    /// --storage postgres or mongo [default: off, a single instance].
    #[arg(long, env = "CHAT_CLUSTER")]
    cluster: Option<String>,
    /// Seconds between two checks, by each socket, that its login session
    /// still lives; catches sessions ended by `chat-server admin …` while
    /// the server runs [default: 60].
    #[arg(long, env = "CHAT_SESSION_RECHECK_SECONDS")]
    session_recheck_seconds: Option<u64>,
    /// Ask a proof-of-work challenge (ALTCHA scheme, solved by the
    /// browser) before each sign-up: on or off (default).
    #[arg(long, env = "CHAT_SIGNUP_CHALLENGE")]
    signup_challenge: Option<OnOff>,
    /// The challenge's difficulty: the largest number a client may have
    /// to try (about half as many SHA-256 hashes on average) [default: 100000].
    #[arg(long, env = "CHAT_SIGNUP_CHALLENGE_DIFFICULTY")]
    signup_challenge_difficulty: Option<u64>,
    /// Settings file [default: ./chat.toml if it exists].
    #[arg(long, env = "CHAT_CONFIG")]
    config: Option<PathBuf>,
    /// An operator command instead of serving.
    #[command(subcommand)]
    command: Option<crate::cli::Command>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Deserialize)]
#[serde(rename_all = "lowercase")]
enum OnOff {
    On,
    Off,
}

/// `chat.toml`: the same settings, snake_case, all optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    listen: Option<SocketAddr>,
    storage: Option<StorageKind>,
    database_url: Option<String>,
    web_dir: Option<PathBuf>,
    allowed_origins: Option<Vec<String>>,
    rate_limits: Option<OnOff>,
    trust_forwarded_for: Option<OnOff>,
    data_dir: Option<PathBuf>,
    jwt_secret: Option<String>,
    audit_retention_days: Option<u32>,
    log_format: Option<LogFormat>,
    metrics_listen: Option<SocketAddr>,
    max_upload_mib: Option<u64>,
    blob_store: Option<String>,
    cluster: Option<String>,
    session_recheck_seconds: Option<u64>,
    signup_challenge: Option<OnOff>,
    signup_challenge_difficulty: Option<u64>,
}

/// The settings the server runs with. `Debug` shows no secret: the
/// database URL (it may hold a password) and the signing secret are
/// [`Secret`]s.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to listen on (port 0: any free port; see
    /// `Application::address`).
    pub listen: SocketAddr,
    /// Which store.
    pub storage: StorageKind,
    /// Path (sqlite) or URL (postgres, mongo); `None` for memory.
    pub database_url: Option<Secret>,
    /// The built web client, if any.
    pub web_dir: Option<PathBuf>,
    /// Origins allowed for browsers (REST CORS and the socket), parsed once.
    pub allowed_origins: AllowedOrigins,
    /// Whether rate limits and quotas are on.
    pub rate_limits: bool,
    /// Whether the client address comes from `X-Forwarded-For`.
    pub trust_forwarded_for: bool,
    /// Folder for generated state.
    pub data_dir: PathBuf,
    /// The token signing secret, when configured (`CHAT_JWT_SECRET`).
    pub jwt_secret: Option<Secret>,
    /// Days the audit log keeps entries (0: forever).
    pub audit_retention_days: u32,
    /// How log lines are written.
    pub log_format: LogFormat,
    /// Where `/metrics` is served, if anywhere.
    pub metrics_listen: Option<SocketAddr>,
    /// The largest attachment, in MiB.
    pub max_upload_mib: u64,
    /// Where attachment files go (`None`: `<data dir>/blobs`).
    pub blob_store: Option<String>,
    /// The Redis URL of the cluster this instance belongs to; `None`: a
    /// single instance (events, presence and throttles in memory).
    pub cluster: Option<Secret>,
    /// Seconds between a socket's checks of its login session (at least 1).
    pub session_recheck_seconds: u64,
    /// The sign-up challenge's difficulty (`max_number`), when it is on.
    pub signup_challenge: Option<u64>,
    /// An operator command to run instead of serving.
    pub command: Option<crate::cli::Command>,
}

impl Config {
    /// Reads flags, environment and the settings file.
    pub fn load() -> anyhow::Result<Self> {
        let flags = Flags::parse();
        let file = read_file(flags.config.as_deref())?;
        let jwt_secret = std::env::var("CHAT_JWT_SECRET").ok().or(file.jwt_secret);
        check_secret(jwt_secret.as_deref())?;
        Self::merge(flags, FileSettings { jwt_secret, ..file })
    }

    fn merge(flags: Flags, file: FileSettings) -> anyhow::Result<Self> {
        let storage = flags
            .storage
            .or(file.storage)
            .unwrap_or(StorageKind::Sqlite);
        let database_url = flags.database_url.or(file.database_url);
        let data_dir = flags
            .data_dir
            .or(file.data_dir)
            .or_else(|| sqlite_folder(storage, database_url.as_deref()))
            .unwrap_or_else(|| PathBuf::from("data"));
        let database_url = match (database_url, storage) {
            (Some(url), _) => Some(url),
            (None, StorageKind::Sqlite) => Some(data_dir.join("chat.db").display().to_string()),
            (None, StorageKind::Memory) => None,
            (None, StorageKind::Postgres | StorageKind::Mongo) => {
                bail!("--database-url (or CHAT_DATABASE_URL) is required with --storage postgres or mongo")
            }
        };
        let cluster = flags.cluster.or(file.cluster);
        if cluster.is_some()
            && matches!(storage, StorageKind::Sqlite | StorageKind::Memory)
            && flags.command.is_none()
        {
            bail!(
                "--cluster (CHAT_CLUSTER) needs a store every instance shares: \
                 --storage postgres or --storage mongo, not {}",
                match storage {
                    StorageKind::Sqlite => "sqlite (a file of one machine)",
                    _ => "memory (each instance would have its own data)",
                }
            );
        }
        // A binary with the client built in serves that unless told
        // otherwise; one without looks for a build next to it.
        let default_web = PathBuf::from("web/out");
        let web_dir = flags.web_dir.or(file.web_dir).or_else(|| {
            (!cfg!(feature = "embedded-web") && default_web.join("index.html").exists())
                .then_some(default_web)
        });
        let rate_limits = flags.rate_limits.or(file.rate_limits).unwrap_or(OnOff::On) == OnOff::On;
        let allowed_origins = AllowedOrigins::parse(
            flags
                .allowed_origins
                .or(file.allowed_origins)
                .unwrap_or_default(),
        )
        .map_err(|e| anyhow::anyhow!("--allowed-origins (CHAT_ALLOWED_ORIGINS): {e}"))?;
        Ok(Self {
            listen: flags
                .listen
                .or(file.listen)
                .unwrap_or(([127, 0, 0, 1], 8080).into()),
            storage,
            database_url: database_url.map(Secret::new),
            web_dir,
            allowed_origins,
            rate_limits,
            trust_forwarded_for: flags.trust_forwarded_for.or(file.trust_forwarded_for)
                == Some(OnOff::On),
            data_dir,
            jwt_secret: file.jwt_secret.map(Secret::new),
            audit_retention_days: flags
                .audit_retention_days
                .or(file.audit_retention_days)
                .unwrap_or(crate::retention::DEFAULT_DAYS),
            log_format: flags.log_format.or(file.log_format).unwrap_or_default(),
            metrics_listen: flags.metrics_listen.or(file.metrics_listen),
            max_upload_mib: match flags.max_upload_mib.or(file.max_upload_mib) {
                Some(0) => bail!("--max-upload-mib must be at least 1"),
                Some(n) => n,
                None => 25,
            },
            blob_store: flags.blob_store.or(file.blob_store),
            cluster: cluster.map(Secret::new),
            session_recheck_seconds: flags
                .session_recheck_seconds
                .or(file.session_recheck_seconds)
                .unwrap_or(60)
                .max(1),
            signup_challenge: (flags.signup_challenge.or(file.signup_challenge) == Some(OnOff::On))
                .then(|| {
                    flags
                        .signup_challenge_difficulty
                        .or(file.signup_challenge_difficulty)
                        .unwrap_or(chat_core::challenge::ChallengePolicy::default().max_number)
                        .clamp(1, 100_000_000)
                }),
            command: flags.command,
        })
    }
}

/// The folder of a SQLite database file: where generated state belongs
/// when no data folder is set, so it stays with the data it protects (a
/// restart from another working directory keeps sessions valid).
fn sqlite_folder(storage: StorageKind, database_url: Option<&str>) -> Option<PathBuf> {
    if storage != StorageKind::Sqlite {
        return None;
    }
    let folder = std::path::Path::new(database_url?).parent()?;
    Some(if folder.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        folder.to_path_buf()
    })
}

/// The fewest bytes a configured signing secret may have (HS256 wants a
/// key at least as long as its 256-bit output).
const MIN_SECRET_BYTES: usize = 32;

/// Refuses a configured secret that is too short to sign tokens safely.
fn check_secret(secret: Option<&str>) -> anyhow::Result<()> {
    if let Some(secret) = secret {
        if secret.len() < MIN_SECRET_BYTES {
            bail!(
                "CHAT_JWT_SECRET is {} bytes long; it must have at least {MIN_SECRET_BYTES} \
                 (generate one with: openssl rand -base64 48), or leave it unset and one is \
                 generated and kept in the data folder",
                secret.len()
            );
        }
    }
    Ok(())
}

impl Config {
    /// Creates the data folder if missing, readable by its owner only
    /// (0700); warns when an existing one is open to others.
    pub fn prepare_data_dir(&self) -> anyhow::Result<()> {
        chat_auth::create_private_dir(&self.data_dir).with_context(|| {
            format!("cannot create the data folder {}", self.data_dir.display())
        })?;
        if chat_auth::readable_by_others(&self.data_dir) {
            tracing::warn!(
                dir = %self.data_dir.display(),
                "the data folder is open to other users; consider: chmod 700 {}",
                self.data_dir.display()
            );
        }
        Ok(())
    }

    /// Turns the core's limits on (throttles, write rates, quotas) unless
    /// `--rate-limits off`, with buckets in `counters` (a cluster's shared
    /// ones) or else in this process's memory.
    pub fn with_limits(
        &self,
        chat: chat_core::Chat,
        counters: Option<std::sync::Arc<dyn chat_core::limits::CounterStore>>,
    ) -> chat_core::Chat {
        if !self.rate_limits {
            tracing::warn!("rate limits are off: logins, sign-ups and writes are not throttled");
            return chat;
        }
        let counters =
            counters.unwrap_or_else(|| std::sync::Arc::new(chat_memory::MemoryCounters::default()));
        chat.with_limits(chat_core::limits::LimitPolicy::default(), counters)
    }

    /// How the HTTP server treats connections. With limits off there is no
    /// cap on connections from one address, as the gateway lifts its
    /// per-address socket cap: a benchmark's thousand sockets all come from
    /// one loopback address.
    pub fn serve_limits(&self) -> chat_http::ServeLimits {
        let limits = chat_http::ServeLimits::default();
        if self.rate_limits {
            limits
        } else {
            chat_http::ServeLimits {
                connections_per_address: limits.max_connections,
                ..limits
            }
        }
    }

    /// The gateway's settings: the allowed origins, and with limits off no
    /// frame flood limit and no per-user or per-address socket caps.
    pub fn gateway(&self) -> chat_ws::GatewayConfig {
        let config = chat_ws::GatewayConfig {
            allowed_origins: self.allowed_origins.clone(),
            session_recheck_interval: std::time::Duration::from_secs(self.session_recheck_seconds),
            ..chat_ws::GatewayConfig::default()
        };
        if self.rate_limits {
            config
        } else {
            config.without_limits()
        }
    }
}

/// Reads the settings file: the one named, else `./chat.toml` if present.
fn read_file(named: Option<&Path>) -> anyhow::Result<FileSettings> {
    let path = match named {
        Some(p) => p.to_path_buf(),
        None if Path::new("chat.toml").exists() => PathBuf::from("chat.toml"),
        None => return Ok(FileSettings::default()),
    };
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read settings file {}", path.display()))?;
    toml::from_str(&text).with_context(|| format!("bad settings file {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags(args: &[&str]) -> Flags {
        let mut all = vec!["chat-server"];
        all.extend_from_slice(args);
        Flags::try_parse_from(all).unwrap()
    }

    #[test]
    fn defaults_are_sqlite_under_data_on_localhost_8080() {
        let c = Config::merge(flags(&[]), FileSettings::default()).unwrap();
        assert_eq!(c.storage, StorageKind::Sqlite);
        assert_eq!(
            c.database_url.map(|u| u.expose().to_owned()).as_deref(),
            Some("data/chat.db")
        );
        assert_eq!(c.listen.to_string(), "127.0.0.1:8080");
        assert!(c.rate_limits);
    }

    #[test]
    fn flags_win_over_the_file() {
        let file: FileSettings =
            toml::from_str("storage = \"memory\"\nlisten = \"127.0.0.1:9000\"").unwrap();
        let c = Config::merge(flags(&["--listen", "127.0.0.1:9100"]), file).unwrap();
        assert_eq!(c.listen.to_string(), "127.0.0.1:9100");
        assert_eq!(c.storage, StorageKind::Memory);
        assert_eq!(c.database_url, None);
    }

    #[test]
    fn generated_state_stays_beside_the_sqlite_file() {
        let data_dir = |args: &[&str]| {
            let c = Config::merge(flags(args), FileSettings::default()).unwrap();
            c.data_dir.display().to_string()
        };
        assert_eq!(data_dir(&[]), "data");
        assert_eq!(
            data_dir(&["--database-url", "/srv/chat/chat.db"]),
            "/srv/chat"
        );
        assert_eq!(data_dir(&["--database-url", "chat.db"]), ".");
        let explicit = [
            "--database-url",
            "/srv/chat/chat.db",
            "--data-dir",
            "/etc/chat",
        ];
        assert_eq!(data_dir(&explicit), "/etc/chat");
        let postgres = ["--storage", "postgres", "--database-url", "postgres://h/db"];
        assert_eq!(data_dir(&postgres), "data");
    }

    #[test]
    fn log_format_and_audit_retention_are_read_from_flags() {
        let c = Config::merge(
            flags(&["--log-format", "json", "--audit-retention-days", "7"]),
            FileSettings::default(),
        )
        .unwrap();
        assert_eq!((c.log_format, c.audit_retention_days), (LogFormat::Json, 7));
        let d = Config::merge(flags(&[]), FileSettings::default()).unwrap();
        assert_eq!(
            (d.log_format, d.audit_retention_days),
            (LogFormat::Pretty, 90)
        );
    }

    #[test]
    fn limits_off_lifts_the_per_address_connection_cap() {
        let on = Config::merge(flags(&[]), FileSettings::default()).unwrap();
        assert_eq!(on.serve_limits().connections_per_address, 256);
        let off = Config::merge(flags(&["--rate-limits", "off"]), FileSettings::default());
        let off = off.unwrap().serve_limits();
        assert_eq!(off.connections_per_address, off.max_connections);
    }

    #[test]
    fn a_cluster_needs_a_shared_store() {
        for storage in ["sqlite", "memory"] {
            let e = Config::merge(
                flags(&["--cluster", "redis://127.0.0.1:6379", "--storage", storage]),
                FileSettings::default(),
            )
            .unwrap_err();
            assert!(format!("{e:#}").contains("--storage postgres"), "{e:#}");
        }
        let c = Config::merge(
            flags(&[
                "--cluster",
                "redis://:pw-9@127.0.0.1:6379",
                "--storage",
                "postgres",
                "--database-url",
                "postgres://h/db",
            ]),
            FileSettings::default(),
        )
        .unwrap();
        assert_eq!(
            c.cluster.as_ref().unwrap().expose(),
            "redis://:pw-9@127.0.0.1:6379"
        );
        assert!(!format!("{c:?}").contains("pw-9"));
    }

    #[test]
    fn postgres_needs_a_url() {
        assert!(Config::merge(flags(&["--storage", "postgres"]), FileSettings::default()).is_err());
    }

    #[test]
    fn origins_are_split_and_trimmed() {
        let c = Config::merge(
            flags(&[
                "--allowed-origins",
                "http://a.test/,http://b.test",
                "--rate-limits",
                "off",
            ]),
            FileSettings::default(),
        )
        .unwrap();
        assert_eq!(
            c.allowed_origins.to_list(),
            vec!["http://a.test", "http://b.test"]
        );
        assert!(c.allowed_origins.allows("http://A.test/"));
        assert!(!c.rate_limits);
    }

    #[test]
    fn the_debug_form_shows_no_secret() {
        let file: FileSettings = toml::from_str("jwt_secret = \"hunter2-signing\"").unwrap();
        let args = [
            "--storage",
            "postgres",
            "--database-url",
            "postgres://u:pw-123@h/db",
        ];
        let c = Config::merge(flags(&args), file).unwrap();
        let shown = format!("{c:?}");
        assert!(
            !shown.contains("hunter2") && !shown.contains("pw-123"),
            "{shown}"
        );
        assert_eq!(c.jwt_secret.unwrap().expose(), "hunter2-signing");
    }

    #[test]
    fn a_malformed_origin_is_refused_at_start_up() {
        let e = Config::merge(
            flags(&["--allowed-origins", "localhost:3000"]),
            FileSettings::default(),
        )
        .unwrap_err();
        assert!(format!("{e:#}").contains("localhost:3000"), "{e:#}");
    }

    #[test]
    fn unknown_file_settings_are_refused() {
        assert!(toml::from_str::<FileSettings>("lisen = \"x\"").is_err());
    }

    #[test]
    fn a_short_signing_secret_is_refused_with_a_clear_error() {
        let err = check_secret(Some("too short")).unwrap_err().to_string();
        assert!(err.contains("at least 32"), "{err}");
        assert!(check_secret(Some(&"s".repeat(32))).is_ok());
        assert!(check_secret(None).is_ok());
    }
}
