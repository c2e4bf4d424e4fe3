//! Client operations, one file each: what the gateway does for each
//! frame a client may send. Each handler extracts, calls one use case of
//! `chat-core`, and maps the answer to a frame; the rules themselves
//! (who may type where, what a status means) stay in the core.
//!
//! Operations never touch the socket: they answer the frames to send (or
//! the [`End`] of the socket), and the connection writes them. So `ops`
//! does not depend on `connection`, only the other way round.

pub(crate) mod heartbeat;
pub(crate) mod identify;
pub(crate) mod presence;
pub(crate) mod resume;
pub(crate) mod typing;

use chat_core::auth::Actor;
use chat_core::Chat;

use crate::close::{Close, End};
use crate::frame::{self, ClientFrame, ErrorFrame};

/// Handles a frame from an identified client; returns the reply, if any.
pub(crate) async fn handle(frame: ClientFrame, actor: &Actor, chat: &Chat) -> Option<String> {
    match frame {
        ClientFrame::Heartbeat => Some(heartbeat::run()),
        ClientFrame::TypingStart { channel_id } => typing::run(chat, actor, channel_id).await,
        ClientFrame::PresenceSet { status } => presence::run(chat, actor, status).await,
        ClientFrame::Identify { .. } | ClientFrame::Resume { .. } => Some(frame::error(
            &ErrorFrame::bad_request("this socket is already identified"),
        )),
    }
}

/// The caller behind a token: a bad token closes with 4001, a failing
/// store with 1011.
pub(crate) async fn authenticate(chat: &Chat, token: &str) -> Result<Actor, End> {
    chat.authenticate(token).await.map_err(|e| match e {
        chat_core::Error::Unauthenticated(_) => End::Server(Close::NotAuthenticated),
        other => {
            tracing::warn!(error = %other, "could not authenticate a socket");
            End::Server(Close::Internal)
        }
    })
}

/// The `error` frame for a use case's error (`None` for success).
pub(crate) fn error_reply<T>(result: chat_core::Result<T>) -> Option<String> {
    result
        .err()
        .map(|e| frame::error(&ErrorFrame::from_core(&e)))
}
