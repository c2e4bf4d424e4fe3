//! `identify {token}`: authenticates, starts a new gateway session and
//! answers `ready {session_id, user, servers, read_states,
//! notification_settings, direct_channels}`.
//!
//! The session is registered before the user's servers are read, so an
//! event that happens meanwhile is not lost: it is numbered and sent right
//! after `ready`. A join routed while the list was being read reaches the
//! session by itself; the list is merged only if no join or leave was
//! routed meanwhile, else read again (a stale list could route a server
//! the user just left).
//!
//! A user may hold `max_sessions_per_user` gateway sessions (live or
//! resumable); one more is closed with 4008. The login session is checked
//! again once the gateway session is registered, so a logout racing the
//! identify never leaves a live socket behind (4003).

use std::sync::Arc;

use chat_core::auth::Actor;
use chat_core::servers::ServerDetails;
use chat_core::Chat;
use chat_wire::{DirectChannelDto, NotificationSettingsDto, ReadStateDto, ServerDto, UserDto};

use crate::close::{Close, End};
use crate::frame;
use crate::hub::{Attachment, Hub};

/// Identifies the socket: the new session's attachment and the `ready`
/// frame to send before anything else, or why the socket must close.
pub(crate) async fn run(
    hub: &Arc<Hub>,
    chat: &Chat,
    token: &str,
) -> Result<(Attachment, String), End> {
    let actor = super::authenticate(chat, token).await?;
    // Live and resumable sessions both count: one account cannot fill
    // the gateway, nor make it buffer events for hundreds of ghosts.
    let Some(attachment) = hub.open_session(actor) else {
        return Err(End::Server(Close::RateLimited));
    };
    // Logged out while this socket was being registered? The revocation's
    // close may have run before the session existed: ask again now.
    if !chat
        .session_is_live(actor.session_id)
        .await
        .unwrap_or(false)
    {
        hub.end_session(&attachment.session, Close::Revoked);
        return Err(End::Server(Close::Revoked));
    }
    let snapshot = async {
        let servers = subscribe(hub, chat, &actor).await?;
        ready(chat, &attachment, &servers).await.map_err(internal)
    };
    match snapshot.await {
        Ok(text) => Ok((attachment, text)),
        Err(end) => {
            hub.end_session(&attachment.session, Close::Internal);
            Err(end)
        }
    }
}

/// How many times the server list is read before giving up, when joins
/// and leaves keep arriving while it is read.
const SUBSCRIBE_ATTEMPTS: usize = 5;

/// Reads the user's servers with their channels (a fixed number of store
/// round trips however many servers) and routes their events to the
/// user's sessions.
async fn subscribe(hub: &Hub, chat: &Chat, actor: &Actor) -> Result<Vec<ServerDetails>, End> {
    for _ in 0..SUBSCRIBE_ATTEMPTS {
        let version = hub.membership_version(actor.user_id);
        let servers = chat.servers_with_channels(actor).await.map_err(internal)?;
        let ids = servers.iter().map(|details| details.view.server.id);
        if hub.add_servers(actor.user_id, ids, version) {
            return Ok(servers);
        }
    }
    tracing::warn!("the server list kept changing while a socket got ready");
    Err(End::Server(Close::Internal))
}

/// Counts the connection in presence, then builds the `ready` frame.
async fn ready(
    chat: &Chat,
    attachment: &Attachment,
    servers: &[ServerDetails],
) -> chat_core::Result<String> {
    let session = &attachment.session;
    let actor = session.actor();
    chat.connection_opened(actor.user_id).await?;
    session.mark_presence_open();
    let user = chat.me(&actor).await?;
    // Read with the list the hub routes (one snapshot): a server left
    // since then is still listed, and its `member.left` follows `ready`.
    let details: Vec<ServerDto> = servers.iter().map(ServerDto::from).collect();
    let reads = chat.read_states(&actor).await?;
    // The newest message of each DM comes from the read states just read.
    let direct = chat.direct_channels_with(&actor, &reads).await?;
    let direct: Vec<DirectChannelDto> = direct.iter().map(DirectChannelDto::from).collect();
    let reads: Vec<ReadStateDto> = reads.iter().map(ReadStateDto::from).collect();
    let settings = chat.notification_settings(&actor).await?;
    Ok(frame::ready(
        session.id,
        &UserDto::from(&user),
        &details,
        &reads,
        &NotificationSettingsDto::from(&settings),
        &direct,
    ))
}

fn internal(e: chat_core::Error) -> End {
    tracing::warn!(error = %e, "could not get a socket ready");
    End::Server(Close::Internal)
}
