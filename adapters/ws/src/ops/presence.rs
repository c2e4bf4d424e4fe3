//! `presence.set {status}`: the caller's chosen status. Everyone sharing
//! a server with them gets `presence.updated` with what they now see
//! (`offline` for invisible); the caller's own sockets get `invisible`.

use chat_core::auth::Actor;
use chat_core::presence::Status;
use chat_core::Chat;

/// Nothing on success (the event says it); an `error` frame otherwise.
pub(crate) async fn run(chat: &Chat, actor: &Actor, status: Status) -> Option<String> {
    super::error_reply(chat.set_status(actor.user_id, status).await)
}
