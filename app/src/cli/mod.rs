//! Operator commands beside serving: `migrate` (copy everything from one
//! store to another), `dump` (a canonical export, to compare stores),
//! `backup`, and `admin …` (statistics, password resets, disabling
//! accounts).

mod accounts;
pub mod copy;
mod copy_people;
mod counts;
pub mod dump;
pub mod store_url;
mod walk;

use clap::Subcommand;

/// `chat-server <command>`; without one the server runs.
#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Copy everything from one store to another: users (with two-factor
    /// state, blocks, DM policy, read markers, notification settings),
    /// servers, members, channels, messages with replies, pins and
    /// reactions, DMs and groups, invites, bans, timeouts, audit entries
    /// and attachment metadata. Not copied: sessions (everyone logs in
    /// again) and the attachment files, which stay in the blob store.
    Migrate {
        /// The source: `sqlite:PATH`, `postgres://…`, `mongodb://…`.
        #[arg(long)]
        from: String,
        /// The target, spelled the same way; must be empty unless `--resume`.
        #[arg(long)]
        to: String,
        /// Continue an interrupted copy into a non-empty target (skips
        /// what is already there).
        #[arg(long)]
        resume: bool,
        /// Records read per store call.
        #[arg(long, default_value_t = 500)]
        batch_size: u32,
        /// No progress bars (logs and scripts).
        #[arg(long)]
        quiet: bool,
    },
    /// Copy a SQLite database into a new file with SQLite's online backup
    /// API: a consistent snapshot, safe while the server runs. (PostgreSQL
    /// and MongoDB have pg_dump and mongodump: docs/operations.md.)
    Backup {
        /// The new file to write (never overwritten).
        #[arg(long)]
        to: std::path::PathBuf,
        /// The database [default: the configured SQLite database].
        #[arg(long)]
        from: Option<String>,
    },
    /// Administration of a store.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Print a canonical export of a store (one JSON line per record,
    /// sorted), to compare two stores after a migration.
    Dump {
        /// The store: `sqlite:PATH`, `postgres://…`, `mongodb://…`.
        #[arg(long)]
        from: String,
    },
}

/// `chat-server admin …`.
#[derive(Debug, Clone, Subcommand)]
pub enum AdminCommand {
    /// How many users, servers, members, channels, messages, invites,
    /// bans, timeouts and audit entries the store holds.
    Stats {
        /// The store [default: the configured one].
        #[arg(long)]
        from: Option<String>,
    },
    /// Give a user a new password and end all their sessions (their
    /// sockets close with 4003). Prints a generated temporary password,
    /// unless `--password-stdin` reads one.
    ResetPassword {
        /// The account's username (any case).
        username: String,
        /// Read the new password from the first line of standard input
        /// instead of generating one.
        #[arg(long)]
        password_stdin: bool,
        /// The store [default: the configured one].
        #[arg(long)]
        from: Option<String>,
    },
    /// Disable an account: it can no longer log in, refresh or identify,
    /// and all its sessions end (sockets close with 4003).
    DisableUser {
        /// The account's username (any case).
        username: String,
        /// The store [default: the configured one].
        #[arg(long)]
        from: Option<String>,
    },
    /// Enable a disabled account again (it logs in as before).
    EnableUser {
        /// The account's username (any case).
        username: String,
        /// The store [default: the configured one].
        #[arg(long)]
        from: Option<String>,
    },
}

/// Runs a command (`config`: the settings, for defaults).
pub async fn run(command: Command, config: &crate::config::Config) -> anyhow::Result<()> {
    match command {
        Command::Backup { to, from } => backup(&to, from, config).await,
        Command::Admin(AdminCommand::Stats { from }) => {
            let url = match from {
                Some(url) => url,
                None => configured_url(config)?,
            };
            let store = store_url::open(&url).await?;
            let counts = counts::count(&*store, 500).await?;
            for (what, n) in counts.rows() {
                println!("{what:<16} {n}");
            }
            Ok(())
        }
        Command::Admin(AdminCommand::ResetPassword {
            username,
            password_stdin,
            from,
        }) => {
            let store = store_url::open(&store_or_configured(from, config)?).await?;
            accounts::reset_password(store, &username, password_stdin).await
        }
        Command::Admin(AdminCommand::DisableUser { username, from }) => {
            let store = store_url::open(&store_or_configured(from, config)?).await?;
            accounts::set_disabled(store, &username, true).await
        }
        Command::Admin(AdminCommand::EnableUser { username, from }) => {
            let store = store_url::open(&store_or_configured(from, config)?).await?;
            accounts::set_disabled(store, &username, false).await
        }
        Command::Migrate {
            from,
            to,
            resume,
            batch_size,
            quiet,
        } => {
            let source = store_url::open(&from).await?;
            let target = store_url::open(&to).await?;
            let options = copy::Options {
                resume,
                batch: batch_size.max(1),
                progress: !quiet,
            };
            copy::migrate(&*source, &*target, options).await
        }
        Command::Dump { from } => {
            let store = store_url::open(&from).await?;
            for line in dump::canonical(&*store).await? {
                println!("{line}");
            }
            Ok(())
        }
    }
}

/// `backup`: the source is `--from` or the configured SQLite database.
async fn backup(
    to: &std::path::Path,
    from: Option<String>,
    config: &crate::config::Config,
) -> anyhow::Result<()> {
    use anyhow::Context;
    let source = match from {
        Some(url) => url,
        None if config.storage == crate::config::StorageKind::Sqlite => config
            .database_url
            .as_ref()
            .map(|u| u.expose().to_owned())
            .unwrap_or_default(),
        None => anyhow::bail!(
            "backup copies SQLite databases; for PostgreSQL use pg_dump, for MongoDB mongodump \
             (docs/operations.md)"
        ),
    };
    let path = std::path::PathBuf::from(source.strip_prefix("sqlite:").unwrap_or(&source));
    anyhow::ensure!(path.is_file(), "no SQLite database at {}", path.display());
    let store = chat_sqlite::SqliteStore::open(&path)
        .with_context(|| format!("cannot open the SQLite database at {}", path.display()))?;
    store
        .backup_to(to)
        .await
        .with_context(|| format!("backup of {} failed", path.display()))?;
    eprintln!("backed up {} to {}", path.display(), to.display());
    Ok(())
}

/// `--from`, else the configured store.
fn store_or_configured(
    from: Option<String>,
    config: &crate::config::Config,
) -> anyhow::Result<String> {
    match from {
        Some(url) => Ok(url),
        None => configured_url(config),
    }
}

/// The configured store as a store URL.
fn configured_url(config: &crate::config::Config) -> anyhow::Result<String> {
    use crate::config::StorageKind;
    let url = config
        .database_url
        .as_ref()
        .map(|u| u.expose().to_owned())
        .unwrap_or_default();
    match config.storage {
        StorageKind::Sqlite => Ok(format!("sqlite:{url}")),
        StorageKind::Postgres | StorageKind::Mongo => Ok(url),
        StorageKind::Memory => anyhow::bail!("the memory store has nothing to show; pass --from"),
    }
}
