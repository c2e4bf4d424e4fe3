//! How many records of each kind a store holds, counted through the same
//! walks `migrate` copies with (so the verification covers every kind).

use chat_core::messages::Message;
use chat_core::{Clock, Store, SystemClock};

use super::copy::audit_log;
use super::walk::{
    direct_channels, each_user, extras_of, reactions_of, AttachmentPages, MessagePages,
};

/// How many records of each kind a store holds.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub users: u64,
    pub custom_statuses: u64,
    pub servers: u64,
    pub members: u64,
    pub channels: u64,
    pub messages: u64,
    pub replies: u64,
    pub pins: u64,
    pub reactions: u64,
    pub invites: u64,
    pub bans: u64,
    pub timeouts: u64,
    pub audit_entries: u64,
    pub direct_channels: u64,
    pub direct_participants: u64,
    pub direct_messages: u64,
    pub blocks: u64,
    pub dm_policies: u64,
    pub two_factor: u64,
    pub read_markers: u64,
    pub server_notifications: u64,
    pub channel_notifications: u64,
    pub attachments: u64,
    pub pending_attachments: u64,
}

impl Counts {
    /// Each kind with its count, for printing.
    pub fn rows(&self) -> [(&'static str, u64); 24] {
        [
            ("users", self.users),
            ("custom statuses", self.custom_statuses),
            ("servers", self.servers),
            ("members", self.members),
            ("channels", self.channels),
            ("messages", self.messages),
            ("replies", self.replies),
            ("pins", self.pins),
            ("reactions", self.reactions),
            ("invites", self.invites),
            ("bans", self.bans),
            ("timeouts", self.timeouts),
            ("audit entries", self.audit_entries),
            ("direct channels", self.direct_channels),
            ("dm participants", self.direct_participants),
            ("direct messages", self.direct_messages),
            ("blocks", self.blocks),
            ("dm policies", self.dm_policies),
            ("two-factor", self.two_factor),
            ("read markers", self.read_markers),
            ("server notify", self.server_notifications),
            ("channel notify", self.channel_notifications),
            ("attachments", self.attachments),
            ("pending files", self.pending_attachments),
        ]
    }

    /// Counts a page of messages with their replies, pins and reactions.
    async fn add_page(&mut self, store: &dyn Store, page: &[Message]) -> anyhow::Result<()> {
        self.replies += page.iter().filter(|m| m.reply_to.is_some()).count() as u64;
        self.pins += page.iter().filter(|m| m.pinned_at.is_some()).count() as u64;
        for r in reactions_of(store, page).await? {
            self.reactions += r.users.len() as u64;
        }
        Ok(())
    }
}

/// Counts every record kind by walking the store through its ports.
pub async fn count(store: &dyn Store, batch: u32) -> anyhow::Result<Counts> {
    let mut c = Counts::default();
    each_user(store, batch, async |u| {
        c.users += 1;
        c.custom_statuses += u64::from(u.custom_status.is_some());
        let x = extras_of(store, u.id).await?;
        c.blocks += x.blocks.len() as u64;
        c.dm_policies += u64::from(x.dm_policy.is_some());
        c.two_factor += u64::from(x.mfa.is_some());
        c.read_markers += x.read_markers.len() as u64;
        c.server_notifications += x.notifications.servers.len() as u64;
        c.channel_notifications += x.notifications.channels.len() as u64;
        Ok(())
    })
    .await?;
    count_servers(store, batch, &mut c).await?;
    for d in direct_channels(store, batch).await? {
        c.direct_channels += 1;
        c.direct_participants += d.participants.len() as u64;
        let mut pages = MessagePages::new(store, d.channel.id, batch);
        while let Some(page) = pages.next().await? {
            c.direct_messages += page.len() as u64;
            c.add_page(store, &page).await?;
        }
    }
    let mut files = AttachmentPages::new(store, batch);
    while let Some(page) = files.next().await? {
        let pending = page.iter().filter(|a| a.message_id.is_none()).count() as u64;
        c.pending_attachments += pending;
        c.attachments += page.len() as u64 - pending;
    }
    Ok(c)
}

async fn count_servers(store: &dyn Store, batch: u32, c: &mut Counts) -> anyhow::Result<()> {
    let now = SystemClock.now();
    let mut after = None;
    loop {
        let servers = store.servers_after(after, batch).await?;
        let Some(last) = servers.last() else {
            return Ok(());
        };
        after = Some(last.id);
        for s in &servers {
            c.servers += 1;
            c.members += store.member_count(s.id).await?;
            let channels = store.channels_of(s.id).await?;
            c.channels += channels.len() as u64;
            for ch in &channels {
                let mut pages = MessagePages::new(store, ch.id, batch);
                while let Some(page) = pages.next().await? {
                    c.messages += page.len() as u64;
                    c.add_page(store, &page).await?;
                }
            }
            c.invites += store.invites_of(s.id).await?.len() as u64;
            c.bans += store.bans_of(s.id, now).await?.len() as u64;
            c.timeouts += store.timeouts_of(s.id, now).await?.len() as u64;
            c.audit_entries += audit_log(store, s, batch).await?.len() as u64;
        }
    }
}
