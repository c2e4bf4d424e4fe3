//! Contracts of [`AttachmentStore`](crate::attachments::AttachmentStore).

use std::sync::Arc;

use super::fixtures::*;
use crate::attachments::Attachment;
use crate::channels::Channel;
use crate::ids::{AttachmentId, MessageId, UserId};
use crate::Store;

/// A pending attachment of `uploader` in `channel`, uploaded at `at(t)`
/// and expiring an hour later.
pub fn attachment(channel: &Channel, uploader: UserId, t: i64) -> Attachment {
    Attachment {
        id: AttachmentId::from_uuid(new_id()),
        channel_id: channel.id,
        uploader_id: uploader,
        message_id: None,
        filename: "cat photo ☕.png".into(),
        content_type: "image/png".into(),
        size: 5 * 1024 * 1024 * 1024 + 7,
        width: Some(640),
        height: Some(480),
        has_preview: true,
        spoiler: false,
        created_at: at(t),
        expires_at: at(t + 3600),
    }
}

/// `insert_attachment` stores every field as given; `attachment_by_id`
/// reads it back, or `None` for an unknown id.
pub async fn insert_attachment_then_attachment_by_id_reads_it_back_or_none(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let a = attachment(&c.general, c.owner.id, 1);
    store.insert_attachment(&a).await.unwrap();
    let mut plain = attachment(&c.general, c.owner.id, 2);
    plain.filename = "notes.txt".into();
    plain.content_type = "text/plain; charset=utf-8".into();
    plain.size = 1;
    plain.width = None;
    plain.height = None;
    plain.has_preview = false;
    store.insert_attachment(&plain).await.unwrap();
    assert_eq!(store.attachment_by_id(a.id).await.unwrap(), Some(a));
    assert_eq!(store.attachment_by_id(plain.id).await.unwrap(), Some(plain));
    let unknown = AttachmentId::from_uuid(new_id());
    assert_eq!(store.attachment_by_id(unknown).await.unwrap(), None);
}

/// `claim_attachments` gives pending attachments to a message once (a
/// second claim counts 0 and changes nothing), with `spoiler`;
/// `attachments_of_messages` and `attachments_by_ids` list in id order.
pub async fn claim_attachments_claims_pending_ones_once_and_lists_them_by_message(
    store: &Arc<dyn Store>,
) {
    let c = add_community(store, "owner").await;
    let m1 = message(&c.general, c.owner.id, "with files");
    let m2 = message(&c.general, c.owner.id, "another");
    store.insert_message(&m1).await.unwrap();
    store.insert_message(&m2).await.unwrap();
    let files: Vec<Attachment> = (0..3)
        .map(|i| attachment(&c.general, c.owner.id, i))
        .collect();
    for a in files.iter().rev() {
        store.insert_attachment(a).await.unwrap();
    }
    let ids: Vec<AttachmentId> = files.iter().map(|a| a.id).collect();
    let claimed = store
        .claim_attachments(&[ids[2], ids[0]], m1.id, true)
        .await
        .unwrap();
    assert_eq!(claimed, 2);
    let again = store
        .claim_attachments(&[ids[0], ids[1]], m2.id, false)
        .await
        .unwrap();
    assert_eq!(again, 1, "only the still pending one is claimed");
    let of_m1 = store.attachments_of_messages(&[m1.id]).await.unwrap();
    let got: Vec<(AttachmentId, Option<MessageId>, bool)> = of_m1
        .iter()
        .map(|a| (a.id, a.message_id, a.spoiler))
        .collect();
    assert_eq!(
        got,
        vec![(ids[0], Some(m1.id), true), (ids[2], Some(m1.id), true)]
    );
    let both = store
        .attachments_of_messages(&[m2.id, m1.id])
        .await
        .unwrap();
    let order: Vec<AttachmentId> = both.iter().map(|a| a.id).collect();
    assert_eq!(order, ids, "upload order across messages");
    assert_eq!(both[1].message_id, Some(m2.id));
    assert!(!both[1].spoiler);
    let unknown = AttachmentId::from_uuid(new_id());
    let by_ids = store
        .attachments_by_ids(&[ids[2], unknown, ids[1]])
        .await
        .unwrap();
    let order: Vec<AttachmentId> = by_ids.iter().map(|a| a.id).collect();
    assert_eq!(order, vec![ids[1], ids[2]]);
    let none = MessageId::from_uuid(new_id());
    assert!(store
        .attachments_of_messages(&[none])
        .await
        .unwrap()
        .is_empty());
}

/// `expired_attachments` lists pending attachments whose expiry is at or
/// before `now` (never claimed ones), at most `limit`.
pub async fn expired_attachments_lists_only_pending_ones_past_their_expiry(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let m = message(&c.general, c.owner.id, "keeps its file");
    store.insert_message(&m).await.unwrap();
    let old = attachment(&c.general, c.owner.id, 0);
    let older = attachment(&c.general, c.owner.id, -10);
    let claimed = attachment(&c.general, c.owner.id, -20);
    let fresh = attachment(&c.general, c.owner.id, 100);
    for a in [&old, &older, &claimed, &fresh] {
        store.insert_attachment(a).await.unwrap();
    }
    store
        .claim_attachments(&[claimed.id], m.id, false)
        .await
        .unwrap();
    let mut ids: Vec<AttachmentId> = store
        .expired_attachments(at(3600), 10)
        .await
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    ids.sort();
    let mut want = vec![old.id, older.id];
    want.sort();
    assert_eq!(
        ids, want,
        "expiry at `now` counts; claimed ones never expire"
    );
    assert_eq!(
        store.expired_attachments(at(3600), 1).await.unwrap().len(),
        1
    );
    assert!(store
        .expired_attachments(at(0), 10)
        .await
        .unwrap()
        .is_empty());
}

/// `delete_attachments` removes the given ones only; `attachment_usage`
/// sums the uploader's bytes and counts their uploads since a time.
pub async fn delete_attachments_and_attachment_usage_count_per_uploader(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let bob = add_user(store, "bob").await;
    let mut a = attachment(&c.general, c.owner.id, 10);
    a.size = 100;
    let mut b = attachment(&c.general, c.owner.id, 20);
    b.size = 50;
    let mut theirs = attachment(&c.general, bob.id, 30);
    theirs.size = 7;
    for x in [&a, &b, &theirs] {
        store.insert_attachment(x).await.unwrap();
    }
    assert_eq!(
        store.attachment_usage(c.owner.id, at(15)).await.unwrap(),
        (150, 1)
    );
    assert_eq!(store.attachment_usage(bob.id, at(0)).await.unwrap(), (7, 1));
    let unknown = AttachmentId::from_uuid(new_id());
    store.delete_attachments(&[a.id, unknown]).await.unwrap();
    assert_eq!(store.attachment_by_id(a.id).await.unwrap(), None);
    assert!(store.attachment_by_id(b.id).await.unwrap().is_some());
    assert_eq!(
        store.attachment_usage(c.owner.id, at(0)).await.unwrap(),
        (50, 1)
    );
    let nobody = add_user(store, "nobody").await;
    assert_eq!(
        store.attachment_usage(nobody.id, at(0)).await.unwrap(),
        (0, 0)
    );
}

/// `orphaned_attachments` lists the attachments (pending or sent) whose
/// channel was deleted — alone or with its server — at most `limit`, and
/// none of a channel that still exists.
pub async fn orphaned_attachments_lists_those_of_deleted_channels_and_servers(
    store: &Arc<dyn Store>,
) {
    let c = add_community(store, "owner").await;
    let other = add_community(store, "other").await;
    let doomed = channel(c.server.id, "doomed", 1);
    store.insert_channel(&doomed).await.unwrap();
    let m = message(&doomed, c.owner.id, "carries a file");
    store.insert_message(&m).await.unwrap();
    let kept = attachment(&c.general, c.owner.id, 0);
    let sent = attachment(&doomed, c.owner.id, 1);
    let pending = attachment(&doomed, c.owner.id, 2);
    let in_gone_server = attachment(&other.general, other.owner.id, 3);
    for a in [&kept, &sent, &pending, &in_gone_server] {
        store.insert_attachment(a).await.unwrap();
    }
    store
        .claim_attachments(&[sent.id], m.id, false)
        .await
        .unwrap();
    assert!(
        store.orphaned_attachments(10).await.unwrap().is_empty(),
        "every channel exists"
    );
    assert!(store.delete_channel(doomed.id).await.unwrap());
    assert!(store.delete_server(other.server.id).await.unwrap());
    let mut ids: Vec<AttachmentId> = store
        .orphaned_attachments(10)
        .await
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    ids.sort();
    let mut want = vec![sent.id, pending.id, in_gone_server.id];
    want.sort();
    assert_eq!(
        ids, want,
        "the deleted channel's and server's, not general's"
    );
    assert_eq!(store.orphaned_attachments(2).await.unwrap().len(), 2);
}
