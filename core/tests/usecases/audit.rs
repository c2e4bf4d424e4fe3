//! The audit log: every audited act leaves one entry with actor, target,
//! reason and changes; only admins and the owner read it.

use chat_core::audit::{AuditAction, AuditEntryView, AuditFilter, AuditReason, AuditValue};
use chat_core::channels::{ChannelChanges, ChannelName, Slowmode, Topic};
use chat_core::invites::InviteOptions;
use chat_core::messages::MessageContent;
use chat_core::moderation::BanRequest;
use chat_core::servers::{ServerChanges, ServerName};

use crate::common::{code, field, Community, TestApp};

async fn log(app: &TestApp, c: &Community) -> Vec<AuditEntryView> {
    app.chat
        .audit_log(&c.owner, c.server, AuditFilter::default())
        .await
        .unwrap()
}

async fn newest(app: &TestApp, c: &Community) -> AuditEntryView {
    log(app, c).await.into_iter().next().expect("an entry")
}

fn actions(entries: &[AuditEntryView]) -> Vec<&'static str> {
    entries.iter().map(|e| e.entry.action.as_str()).collect()
}

fn change(e: &AuditEntryView, key: &str) -> (Option<AuditValue>, Option<AuditValue>) {
    let c = e
        .entry
        .changes
        .iter()
        .find(|c| c.key == key)
        .unwrap_or_else(|| panic!("no change of {key} in {e:?}"));
    (c.old.clone(), c.new.clone())
}

fn text(s: &str) -> Option<AuditValue> {
    Some(AuditValue::Text(s.to_owned()))
}

#[tokio::test]
async fn every_audited_act_leaves_one_entry_newest_first() {
    let app = TestApp::new();
    let c = app.community().await;
    // community(): two invites, then admin's role change.
    assert_eq!(
        actions(&log(&app, &c).await),
        vec!["member_role_update", "invite_create", "invite_create"]
    );
    let chat = &app.chat;
    let changes = ServerChanges {
        name: Some(ServerName::parse("Renamed").unwrap()),
        description: None,
    };
    chat.update_server(&c.admin, c.server, changes)
        .await
        .unwrap();
    let ch = chat
        .create_channel(
            &c.admin,
            c.server,
            ChannelName::parse("news").unwrap(),
            None,
        )
        .await
        .unwrap();
    let rename = ChannelChanges {
        topic: Some(Topic::parse("daily").unwrap()),
        ..Default::default()
    };
    chat.update_channel(&c.admin, ch.id, rename).await.unwrap();
    let moved = ChannelChanges {
        position: Some(9),
        ..Default::default()
    };
    chat.update_channel(&c.admin, ch.id, moved).await.unwrap();
    let (msg, _) = chat
        .send_message(&c.member, ch.id, MessageContent::parse("hi").unwrap(), None)
        .await
        .unwrap();
    chat.delete_message(&c.admin, msg.message.id).await.unwrap();
    chat.delete_channel(&c.admin, ch.id).await.unwrap();
    let invite = chat
        .create_invite(&c.admin, c.server, InviteOptions::default())
        .await
        .unwrap();
    chat.revoke_invite(&c.admin, &invite.code).await.unwrap();
    let until = app.chat.deps().clock.now().plus_seconds(60);
    chat.set_timeout(&c.admin, c.server, c.member.user_id, until)
        .await
        .unwrap();
    chat.lift_timeout(&c.admin, c.server, c.member.user_id)
        .await
        .unwrap();
    chat.kick(&c.admin, c.server, c.member.user_id)
        .await
        .unwrap();
    let ban = BanRequest {
        user_id: c.member.user_id,
        reason: None,
        duration_seconds: None,
    };
    chat.ban(&c.admin, c.server, ban).await.unwrap();
    chat.unban(&c.admin, c.server, c.member.user_id)
        .await
        .unwrap();
    chat.transfer_ownership(&c.owner, c.server, c.admin.user_id)
        .await
        .unwrap();
    let entries = app
        .chat
        .audit_log(&c.admin, c.server, AuditFilter::default())
        .await
        .unwrap();
    assert_eq!(
        actions(&entries[..16]),
        vec![
            "ownership_transfer",
            "member_unban",
            "member_ban",
            "member_kick",
            "member_timeout_remove",
            "member_timeout",
            "invite_delete",
            "invite_create",
            "channel_delete",
            "message_delete",
            "channel_reorder",
            "channel_update",
            "channel_create",
            "server_update",
            "member_role_update",
            "invite_create",
        ]
    );
    let update = &entries[13];
    assert_eq!(update.entry.actor_id, c.admin.user_id);
    assert_eq!(update.actor.username, "admin");
    assert_eq!(change(update, "name"), (text("Community"), text("Renamed")));
    assert_eq!(update.entry.changes.len(), 1, "only what changed");
    let kick = &entries[3];
    assert_eq!(kick.target_user.as_ref().unwrap().username, "member");
    let deleted = &entries[9];
    assert_eq!(
        change(deleted, "author_id").0,
        text(&c.member.user_id.to_string())
    );
}

#[tokio::test]
async fn deleting_ones_own_message_is_not_audited() {
    let app = TestApp::new();
    let c = app.community().await;
    let (msg, _) = app
        .chat
        .send_message(
            &c.admin,
            c.general,
            MessageContent::parse("oops").unwrap(),
            None,
        )
        .await
        .unwrap();
    app.chat
        .delete_message(&c.admin, msg.message.id)
        .await
        .unwrap();
    assert_eq!(
        newest(&app, &c).await.entry.action,
        AuditAction::MemberRoleUpdate
    );
}

#[tokio::test]
async fn the_reason_of_the_request_is_recorded() {
    let app = TestApp::new();
    let c = app.community().await;
    let why = AuditReason::parse("  flooding #general 🌊 ").unwrap();
    app.chat
        .with_audit_reason(Some(why))
        .kick(&c.admin, c.server, c.member.user_id)
        .await
        .unwrap();
    let e = newest(&app, &c).await;
    assert_eq!(e.entry.reason.unwrap().as_str(), "flooding #general 🌊");
    // A ban's own reason is its entry's reason.
    let ban = BanRequest {
        user_id: c.member.user_id,
        reason: Some(chat_core::moderation::BanReason::parse("spam").unwrap()),
        duration_seconds: Some(60),
    };
    app.chat.ban(&c.admin, c.server, ban).await.unwrap();
    let e = newest(&app, &c).await;
    assert_eq!(e.entry.reason.as_ref().unwrap().as_str(), "spam");
    assert!(matches!(
        change(&e, "expires_at").1,
        Some(AuditValue::Text(_))
    ));
}

#[tokio::test]
async fn slowmode_changes_are_audited_with_old_and_new() {
    let app = TestApp::new();
    let c = app.community().await;
    let slow = ChannelChanges {
        slowmode: Some(Slowmode::parse(30).unwrap()),
        ..Default::default()
    };
    app.chat
        .update_channel(&c.admin, c.general, slow)
        .await
        .unwrap();
    let e = newest(&app, &c).await;
    assert_eq!(e.entry.action, AuditAction::ChannelUpdate);
    assert_eq!(
        change(&e, "slowmode_seconds"),
        (Some(AuditValue::Int(0)), Some(AuditValue::Int(30)))
    );
}

#[tokio::test]
async fn only_admins_and_the_owner_read_the_log_and_strangers_are_not_told_it_exists() {
    let app = TestApp::new();
    let c = app.community().await;
    let stranger = app.user("stranger").await;
    let read = |who| app.chat.audit_log(who, c.server, AuditFilter::default());
    assert_eq!(code(read(&c.member).await), "forbidden");
    assert_eq!(code(read(&stranger).await), "not_found");
    assert!(!read(&c.admin).await.unwrap().is_empty());
}

#[tokio::test]
async fn the_log_filters_by_actor_and_action_and_pages_before_an_entry() {
    let app = TestApp::new();
    let c = app.community().await;
    for _ in 0..3 {
        app.chat
            .create_invite(&c.admin, c.server, InviteOptions::default())
            .await
            .unwrap();
    }
    let by_admin = AuditFilter {
        actor: Some(c.admin.user_id),
        ..Default::default()
    };
    let entries = app
        .chat
        .audit_log(&c.owner, c.server, by_admin)
        .await
        .unwrap();
    assert_eq!(entries.len(), 3);
    let roles = AuditFilter {
        action: Some(AuditAction::MemberRoleUpdate),
        ..Default::default()
    };
    let entries = app.chat.audit_log(&c.owner, c.server, roles).await.unwrap();
    assert_eq!(actions(&entries), vec!["member_role_update"]);
    let page = AuditFilter {
        limit: Some(2),
        ..Default::default()
    };
    let first = app.chat.audit_log(&c.owner, c.server, page).await.unwrap();
    assert_eq!(first.len(), 2);
    let rest = AuditFilter {
        before: Some(first[1].entry.id),
        ..Default::default()
    };
    let rest = app.chat.audit_log(&c.owner, c.server, rest).await.unwrap();
    assert_eq!(rest.len(), 6 - 2);
    assert!(rest.iter().all(|e| e.entry.id < first[1].entry.id));
    let zero = AuditFilter {
        limit: Some(0),
        ..Default::default()
    };
    assert_eq!(
        field(app.chat.audit_log(&c.owner, c.server, zero).await),
        "limit"
    );
}

#[tokio::test]
async fn pruning_removes_entries_older_than_the_retention() {
    let app = TestApp::new();
    let c = app.community().await;
    app.advance(91 * 24 * 3600);
    app.chat
        .create_invite(&c.admin, c.server, InviteOptions::default())
        .await
        .unwrap();
    assert_eq!(app.chat.prune_audit_log(90).await.unwrap(), 3);
    assert_eq!(actions(&log(&app, &c).await), vec!["invite_create"]);
}
