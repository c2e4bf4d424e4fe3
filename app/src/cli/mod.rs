//! Operator commands beside serving: `migrate` (copy everything from one
//! store to another) and `dump` (a canonical export, to compare stores).

pub mod copy;
pub mod dump;
pub mod store_url;

use clap::Subcommand;

/// `chat-server <command>`; without one the server runs.
#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Copy every user, server, member, channel, message, invite, ban,
    /// timeout and audit entry from one store to another (sessions are not
    /// copied: everyone logs in again).
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
    /// Print a canonical export of a store (one JSON line per record,
    /// sorted), to compare two stores after a migration.
    Dump {
        /// The store: `sqlite:PATH`, `postgres://…`, `mongodb://…`.
        #[arg(long)]
        from: String,
    },
}

/// Runs a command.
pub async fn run(command: Command) -> anyhow::Result<()> {
    match command {
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
