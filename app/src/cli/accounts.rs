//! `admin reset-password`, `admin disable-user`, `admin enable-user`: the
//! core's operator use cases, run on the store directly (the server may be
//! running: its sockets of ended sessions close at their next session
//! check, `--session-recheck-seconds`).

use std::io::BufRead;
use std::sync::Arc;

use anyhow::Context;
use chat_core::{Chat, Deps, Store, SystemClock, UuidV7Generator};

/// A `Chat` for operator commands: real hashing, no token ever issued
/// (a throwaway signing key), events to nobody in this process.
fn operator_chat(store: Arc<dyn Store>) -> Chat {
    let throwaway: Vec<u8> = uuid::Uuid::new_v4()
        .as_bytes()
        .iter()
        .chain(uuid::Uuid::new_v4().as_bytes())
        .copied()
        .collect();
    Chat::new(Deps {
        store,
        clock: Arc::new(SystemClock),
        ids: Arc::new(UuidV7Generator),
        hasher: Arc::new(chat_auth::Argon2Hasher::default()),
        tokens: Arc::new(chat_auth::JwtTokens::new(&throwaway)),
        events: Arc::new(chat_memory::MemoryEvents::default()),
        presence: Arc::new(chat_memory::MemoryPresence::default()),
        mfa: Arc::new(chat_auth::RealMfaCrypto::new(&throwaway)),
    })
}

/// A use case's refusal as one line for the operator.
fn explain(e: chat_core::Error) -> anyhow::Error {
    match e {
        chat_core::Error::NotFound(_) => anyhow::anyhow!("no such user"),
        other => anyhow::anyhow!("{other}"),
    }
}

/// Resets the password; prints the generated one on standard output (and
/// only it, for scripts).
pub async fn reset_password(
    store: Arc<dyn Store>,
    username: &str,
    password_stdin: bool,
) -> anyhow::Result<()> {
    let typed = if password_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("cannot read the new password from standard input")?;
        let line = line.trim_end_matches(['\r', '\n']).to_owned();
        anyhow::ensure!(!line.is_empty(), "standard input gave no password");
        Some(line)
    } else {
        None
    };
    let chat = operator_chat(store);
    let reset = chat
        .admin_reset_password(username, typed.as_deref())
        .await
        .map_err(explain)?;
    eprintln!(
        "the password of {} is reset; all their sessions have ended",
        reset.user.username
    );
    if let Some(password) = reset.generated {
        eprintln!("temporary password (give it to the user; they should change it at once):");
        println!("{password}");
    }
    Ok(())
}

/// Disables or enables the account.
pub async fn set_disabled(
    store: Arc<dyn Store>,
    username: &str,
    disabled: bool,
) -> anyhow::Result<()> {
    let chat = operator_chat(store);
    let before = chat
        .admin_set_disabled(username, disabled)
        .await
        .map_err(explain)?;
    let name = before.username;
    match (disabled, before.disabled) {
        (true, true) => eprintln!("{name} was already disabled; any session left has ended"),
        (true, false) => eprintln!("{name} is disabled; all their sessions have ended"),
        (false, false) => eprintln!("{name} was not disabled"),
        (false, true) => eprintln!("{name} is enabled again"),
    }
    Ok(())
}
