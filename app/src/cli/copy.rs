//! `chat-server migrate`: copies everything through the store ports, in
//! batches, server by server, with progress bars (and an ETA: the source
//! is counted first), then verifies that the target holds as many records
//! of each kind as the source.
//!
//! Ids and timestamps are kept. Order respects the stores' references:
//! users, then each server with its channels, members, messages, invites,
//! bans, timeouts and audit log. With `--resume` every record already in
//! the target is skipped, so re-running continues an interrupted copy.
//! Sessions are not copied: everyone logs in again. Bans and timeouts
//! that have ended are not copied either (they no longer do anything).

use std::collections::HashSet;

use anyhow::{bail, Context};
use chat_core::audit::{AuditEntry, AuditQuery};
use chat_core::channels::{Channel, ChannelName, Slowmode, Topic};
use chat_core::ids::{AuditEntryId, ChannelId, MessageId};
use chat_core::members::Member;
use chat_core::messages::Message;
use chat_core::role::Role;
use chat_core::servers::Server;
use chat_core::{Clock, Store, SystemClock};
use indicatif::{ProgressBar, ProgressStyle};

/// How the copy runs.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Continue into a non-empty target, skipping what is there.
    pub resume: bool,
    /// Records per read.
    pub batch: u32,
    /// Show progress bars.
    pub progress: bool,
}

/// How many records of each kind a store holds.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub users: u64,
    pub servers: u64,
    pub members: u64,
    pub channels: u64,
    pub messages: u64,
    pub invites: u64,
    pub bans: u64,
    pub timeouts: u64,
    pub audit_entries: u64,
}

impl Counts {
    /// Each kind with its count, for printing.
    pub fn rows(&self) -> [(&'static str, u64); 9] {
        [
            ("users", self.users),
            ("servers", self.servers),
            ("members", self.members),
            ("channels", self.channels),
            ("messages", self.messages),
            ("invites", self.invites),
            ("bans", self.bans),
            ("timeouts", self.timeouts),
            ("audit entries", self.audit_entries),
        ]
    }
}

/// Copies `source` into `target` and verifies the counts.
pub async fn migrate(source: &dyn Store, target: &dyn Store, o: Options) -> anyhow::Result<()> {
    if !o.resume && !target.users_after(None, 1).await?.is_empty() {
        bail!("the target store is not empty; pass --resume to continue an interrupted copy");
    }
    eprintln!("counting the source…");
    let expected = count(source, o.batch).await?;
    let started = std::time::Instant::now();
    let bars = Bars::new(&expected, o.progress);
    copy_users(source, target, o, &bars.users).await?;
    let mut after = None;
    loop {
        let servers = source.servers_after(after, o.batch).await?;
        let Some(last) = servers.last() else { break };
        after = Some(last.id);
        for server in &servers {
            copy_server(source, target, server, o, &bars).await?;
            bars.servers.inc(1);
        }
    }
    bars.finish();
    let elapsed = started.elapsed().as_secs_f64().max(0.001);
    eprintln!(
        "copied in {elapsed:.1} s ({:.0} messages/s); verifying…",
        expected.messages as f64 / elapsed
    );
    let got = count(target, o.batch).await?;
    let mut mismatched = Vec::new();
    for ((what, want), (_, have)) in expected.rows().into_iter().zip(got.rows()) {
        eprintln!("  {what:<14} source {want:>10}  target {have:>10}");
        if want != have {
            mismatched.push(what);
        }
    }
    if !mismatched.is_empty() {
        bail!("the target's counts differ for: {}", mismatched.join(", "));
    }
    eprintln!("done: every count matches. Sessions were not copied: everyone logs in again.");
    Ok(())
}

async fn copy_users(
    source: &dyn Store,
    target: &dyn Store,
    o: Options,
    bar: &ProgressBar,
) -> anyhow::Result<()> {
    let mut after = None;
    loop {
        let users = source.users_after(after, o.batch).await?;
        let Some(last) = users.last() else {
            return Ok(());
        };
        after = Some(last.id);
        for user in &users {
            if !(o.resume && target.user_by_id(user.id).await?.is_some()) {
                target
                    .insert_user(user)
                    .await
                    .with_context(|| format!("copying user {}", user.id))?;
            }
            bar.inc(1);
        }
    }
}

async fn copy_server(
    source: &dyn Store,
    target: &dyn Store,
    server: &Server,
    o: Options,
    bars: &Bars,
) -> anyhow::Result<()> {
    let id = server.id;
    let channels = source.channels_of(id).await?;
    let members = source.members_of(id).await?;
    if target.server_by_id(id).await?.is_none() {
        create_server(target, server, &channels, &members).await?;
    }
    for channel in &channels {
        if target.channel_by_id(channel.id).await?.is_none() {
            target.insert_channel(channel).await?;
        }
        bars.channels.inc(1);
    }
    for member in &members {
        target.insert_member(member).await?;
        bars.members.inc(1);
    }
    for channel in &channels {
        copy_messages(source, target, channel.id, o, &bars.messages).await?;
    }
    for invite in source.invites_of(id).await? {
        if target.invite_by_code(&invite.code).await?.is_none() {
            target.insert_invite(&invite).await?;
        }
    }
    let now = SystemClock.now();
    for ban in source.bans_of(id, now).await? {
        if target.active_ban(id, ban.user_id, now).await?.as_ref() != Some(&ban) {
            target.ban(&ban).await?;
        }
    }
    for (user, until) in source.timeouts_of(id, now).await? {
        target.set_timeout(id, user, until).await?;
    }
    copy_audit(source, target, server, o).await
}

/// Creates the server with its owner's membership and first channel (a
/// server whose channels were all deleted gets a stand-in, removed again).
async fn create_server(
    target: &dyn Store,
    server: &Server,
    channels: &[Channel],
    members: &[Member],
) -> anyhow::Result<()> {
    let owner = members
        .iter()
        .find(|m| m.user_id == server.owner_id)
        .cloned()
        .unwrap_or(Member {
            server_id: server.id,
            user_id: server.owner_id,
            role: Role::Owner,
            joined_at: server.created_at,
        });
    let stand_in = Channel {
        id: ChannelId::from_uuid(uuid::Uuid::now_v7()),
        server_id: server.id,
        name: ChannelName::parse("general")?,
        topic: Topic::parse("")?,
        position: 0,
        slowmode: Slowmode::OFF,
        created_at: server.created_at,
    };
    let first = channels.first().unwrap_or(&stand_in);
    target
        .create_server(server, &owner, first)
        .await
        .with_context(|| format!("copying server {}", server.id))?;
    if channels.is_empty() {
        target.delete_channel(stand_in.id).await?;
    }
    Ok(())
}

/// Copies a channel's messages, newest page first.
async fn copy_messages(
    source: &dyn Store,
    target: &dyn Store,
    channel: ChannelId,
    o: Options,
    bar: &ProgressBar,
) -> anyhow::Result<()> {
    let mut before: Option<MessageId> = None;
    loop {
        let page: Vec<Message> = source.history(channel, before, o.batch).await?;
        let Some(oldest) = page.first() else {
            return Ok(());
        };
        before = Some(oldest.id);
        for message in &page {
            if !(o.resume && target.message_by_id(message.id).await?.is_some()) {
                target
                    .insert_message(message)
                    .await
                    .with_context(|| format!("copying message {}", message.id))?;
            }
        }
        bar.inc(page.len() as u64);
    }
}

async fn copy_audit(
    source: &dyn Store,
    target: &dyn Store,
    server: &Server,
    o: Options,
) -> anyhow::Result<()> {
    let have: HashSet<AuditEntryId> = if o.resume {
        audit_log(target, server, o.batch)
            .await?
            .iter()
            .map(|e| e.id)
            .collect()
    } else {
        HashSet::new()
    };
    for entry in audit_log(source, server, o.batch).await? {
        if !have.contains(&entry.id) {
            target.insert_audit_entry(&entry).await?;
        }
    }
    Ok(())
}

/// A server's whole audit log, newest first.
pub async fn audit_log(
    store: &dyn Store,
    server: &Server,
    batch: u32,
) -> anyhow::Result<Vec<AuditEntry>> {
    let mut all = Vec::new();
    let mut before = None;
    loop {
        let query = AuditQuery {
            before,
            actor: None,
            action: None,
            limit: batch,
        };
        let page = store.audit_entries(server.id, &query).await?;
        let Some(oldest) = page.last() else {
            return Ok(all);
        };
        before = Some(oldest.id);
        all.extend(page);
    }
}

/// Counts every record kind by walking the store through its ports.
pub async fn count(store: &dyn Store, batch: u32) -> anyhow::Result<Counts> {
    let mut c = Counts::default();
    let mut after = None;
    loop {
        let users = store.users_after(after, batch).await?;
        let Some(last) = users.last() else { break };
        after = Some(last.id);
        c.users += users.len() as u64;
    }
    let now = SystemClock.now();
    let mut after = None;
    loop {
        let servers = store.servers_after(after, batch).await?;
        let Some(last) = servers.last() else { break };
        after = Some(last.id);
        for s in &servers {
            c.servers += 1;
            c.members += store.member_count(s.id).await?;
            let channels = store.channels_of(s.id).await?;
            c.channels += channels.len() as u64;
            for ch in &channels {
                let mut before = None;
                loop {
                    let page = store.history(ch.id, before, batch).await?;
                    let Some(oldest) = page.first() else { break };
                    before = Some(oldest.id);
                    c.messages += page.len() as u64;
                }
            }
            c.invites += store.invites_of(s.id).await?.len() as u64;
            c.bans += store.bans_of(s.id, now).await?.len() as u64;
            c.timeouts += store.timeouts_of(s.id, now).await?.len() as u64;
            c.audit_entries += audit_log(store, s, batch).await?.len() as u64;
        }
    }
    Ok(c)
}

/// One bar per record kind that takes long.
struct Bars {
    users: ProgressBar,
    servers: ProgressBar,
    channels: ProgressBar,
    members: ProgressBar,
    messages: ProgressBar,
}

impl Bars {
    fn new(total: &Counts, show: bool) -> Self {
        let bar = |what: &str, len: u64| {
            if !show {
                return ProgressBar::hidden();
            }
            let style = ProgressStyle::with_template(
                "{prefix:>9} [{bar:30}] {pos}/{len} ({per_sec}, eta {eta})",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
            ProgressBar::new(len)
                .with_style(style)
                .with_prefix(what.to_owned())
        };
        let multi = indicatif::MultiProgress::new();
        let add = |b: ProgressBar| if show { multi.add(b) } else { b };
        Self {
            users: add(bar("users", total.users)),
            servers: add(bar("servers", total.servers)),
            channels: add(bar("channels", total.channels)),
            members: add(bar("members", total.members)),
            messages: add(bar("messages", total.messages)),
        }
    }

    fn finish(&self) {
        for b in [
            &self.users,
            &self.servers,
            &self.channels,
            &self.members,
            &self.messages,
        ] {
            b.finish();
        }
    }
}
