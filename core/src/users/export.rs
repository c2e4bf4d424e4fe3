//! "Download my data": everything stored about the caller, for the
//! caller: their profile, the servers they belong to (with their role),
//! their own messages there with the channel's and server's names, and
//! their DMs and groups (with who is in them) with their own messages
//! there. Each message comes with its reactions (counts) and attachment
//! metadata.

use super::usecases::UserView;
use crate::auth::Actor;
use crate::chat::Chat;
use crate::direct::DirectChannelView;
use crate::error::Result;
use crate::ids::ChannelId;
use crate::messages::{Message, MessageView};
use crate::role::Role;
use crate::servers::Server;

/// Messages read per store call while collecting.
const PAGE: u32 = 500;

/// A server the caller belongs to.
#[derive(Debug, Clone)]
pub struct ExportedServer {
    /// The server.
    pub server: Server,
    /// The caller's role there.
    pub role: Role,
}

/// One of the caller's messages, with where it was written.
#[derive(Debug, Clone)]
pub struct ExportedMessage {
    /// The message, with its reactions and attachments.
    pub message: MessageView,
    /// The channel's name.
    pub channel_name: String,
    /// The server's name.
    pub server_name: String,
}

/// Everything about the caller.
#[derive(Debug, Clone)]
pub struct DataExport {
    /// Their profile, as they see it.
    pub profile: UserView,
    /// Their servers.
    pub servers: Vec<ExportedServer>,
    /// Their messages in those servers, oldest first per channel.
    pub messages: Vec<ExportedMessage>,
    /// Their DMs and groups, the most recent activity first.
    pub direct: Vec<ExportedDirect>,
}

/// A DM or group of the caller, with their messages there.
#[derive(Debug, Clone)]
pub struct ExportedDirect {
    /// The conversation and who is in it.
    pub channel: DirectChannelView,
    /// The caller's messages there, oldest first.
    pub messages: Vec<MessageView>,
}

impl Chat {
    /// Collects the caller's data. Messages in servers they have left are
    /// not theirs to read any more and are not included.
    pub async fn export_my_data(&self, actor: &Actor) -> Result<DataExport> {
        let profile = self.me(actor).await?;
        let store = &self.deps.store;
        let memberships = store.memberships_of(actor.user_id).await?;
        let mut servers = Vec::new();
        let mut messages = Vec::new();
        for server in store.servers_of_user(actor.user_id).await? {
            let stored = memberships
                .iter()
                .find(|m| m.server_id == server.id)
                .map_or(Role::Member, |m| m.role);
            let role = Role::effective(server.owner_id, actor.user_id, stored);
            for channel in store.channels_of(server.id).await? {
                let mine = self.my_messages(actor, channel.id).await?;
                messages.extend(mine.into_iter().map(|message| ExportedMessage {
                    message,
                    channel_name: channel.name.as_str().to_owned(),
                    server_name: server.name.as_str().to_owned(),
                }));
            }
            servers.push(ExportedServer { server, role });
        }
        let mut direct = Vec::new();
        for channel in self.direct_channels(actor).await? {
            let messages = self.my_messages(actor, channel.channel.id).await?;
            direct.push(ExportedDirect { channel, messages });
        }
        Ok(DataExport {
            profile,
            servers,
            messages,
            direct,
        })
    }

    /// The caller's messages in a channel, oldest first, with their
    /// reactions and attachments.
    async fn my_messages(&self, actor: &Actor, channel: ChannelId) -> Result<Vec<MessageView>> {
        let store = &self.deps.store;
        let mut mine: Vec<Message> = Vec::new();
        let mut before = None;
        loop {
            let page = store.history(channel, before, PAGE).await?;
            let Some(oldest) = page.first() else { break };
            before = Some(oldest.id);
            mine.extend(
                page.into_iter()
                    .rev()
                    .filter(|m| m.author_id == actor.user_id),
            );
        }
        mine.reverse();
        let mut views = Vec::with_capacity(mine.len());
        for chunk in mine.chunks(PAGE as usize) {
            views.extend(
                self.message_views(chunk.to_vec(), Some(actor.user_id))
                    .await?,
            );
        }
        Ok(views)
    }
}
