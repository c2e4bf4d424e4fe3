//! `typing.start {channel_id}`: tells the channel's server the caller is
//! typing. The core checks membership and throttles repeats; the sender's
//! own sockets are not told.

use chat_core::auth::Actor;
use chat_core::ids::ChannelId;
use chat_core::Chat;

/// Nothing on success; an `error` frame (e.g. `not_found`) otherwise.
pub(crate) async fn run(chat: &Chat, actor: &Actor, channel: ChannelId) -> Option<String> {
    super::error_reply(chat.start_typing(actor, channel).await)
}
