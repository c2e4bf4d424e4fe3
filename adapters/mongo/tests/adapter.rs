//! Promises of this adapter beyond the port docs: how it connects, and how
//! it copes with half-done changes and foreign documents (docs/decisions.md ("MongoDB adapter")).

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use chat_core::auth::{Rotation, SessionStore};
use chat_core::channels::ChannelStore;
use chat_core::ids::UserId;
use chat_core::invites::{Invite, InviteStore, JoinOutcome};
use chat_core::members::MemberStore;
use chat_core::messages::MessageStore;
use chat_core::role::Role;
use chat_core::servers::ServerStore;
use chat_core::testkit::fixtures;
use chat_core::users::UserStore;
use chat_core::{Store, StoreError};
use chat_mongo::MongoStore;
use mongodb::bson::{doc, Document};

/// Direct access to the test database, to set up states the ports cannot.
async fn raw(guard: &common::DropDatabase) -> mongodb::Database {
    let client = mongodb::Client::with_uri_str(&guard.url).await.unwrap();
    client.database(&guard.name)
}

#[tokio::test]
async fn an_unreachable_server_fails_fast_with_a_clear_message() {
    // Port 1 on loopback: nothing listens there.
    let started = Instant::now();
    let err = MongoStore::connect("mongodb://127.0.0.1:1/chat")
        .await
        .unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "took {:?}",
        started.elapsed()
    );
    let StoreError::Backend(message) = err else {
        panic!("expected a backend error")
    };
    assert!(
        message.contains("cannot reach") && message.contains("127.0.0.1:1"),
        "{message}"
    );
}

#[tokio::test]
async fn a_malformed_url_is_a_backend_error() {
    let err = MongoStore::connect("postgres://nope").await.unwrap_err();
    assert!(err.to_string().contains("invalid connection URL"), "{err}");
}

#[tokio::test]
async fn the_database_comes_from_the_url_path_and_connecting_again_is_harmless() {
    let url = common::test_url();
    let name = common::fresh_database_name();
    let _guard = common::DropDatabase {
        url: url.clone(),
        name: name.clone(),
    };
    let with_path = format!("{}/{name}", url.trim_end_matches('/'));
    let first = MongoStore::connect(&with_path).await.unwrap();
    assert_eq!(first.database_name(), name);
    // Index creation runs again on the same database without error.
    let second = MongoStore::connect(&with_path).await.unwrap();
    second.ping().await.unwrap();
}

#[tokio::test]
async fn a_server_whose_creation_was_interrupted_is_invisible_and_delete_cleans_it() {
    let (store, guard) = common::fresh_store().await;
    let owner = store_user(&store, "owner").await;
    let server = fixtures::server("half", owner);
    let channel = fixtures::channel(server.id, "general", 0);
    // The children written, the server document never: as if interrupted.
    store.insert_channel(&channel).await.unwrap();
    let db = raw(&guard).await;
    let member = fixtures::member(server.id, owner, Role::Owner, fixtures::at(1));
    db.collection::<Document>("memberships")
        .insert_one(doc! {
            "server_id": member.server_id.to_string(),
            "user_id": member.user_id.to_string(),
            "role": "owner",
            "joined_at": member.joined_at.millis(),
        })
        .await
        .unwrap();
    store
        .insert_message(&fixtures::message(&channel, owner, "hi"))
        .await
        .unwrap();

    assert!(store.servers_of_user(owner).await.unwrap().is_empty());
    assert!(
        !store.delete_server(server.id).await.unwrap(),
        "no server document"
    );
    assert!(store.channels_of(server.id).await.unwrap().is_empty());
    assert!(store.members_of(server.id).await.unwrap().is_empty());
    assert!(store
        .history(channel.id, None, 50)
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn a_foreign_document_is_a_backend_error_not_a_panic() {
    let (store, guard) = common::fresh_store().await;
    let id = UserId::from_uuid(fixtures::new_id());
    raw(&guard)
        .await
        .collection::<Document>("users")
        .insert_one(doc! { "_id": id.to_string(), "username": 42, "username_folded": "x" })
        .await
        .unwrap();
    let err = store.user_by_id(id).await.unwrap_err();
    assert!(matches!(err, StoreError::Backend(_)), "{err:?}");
    assert!(err.to_string().contains("users"), "{err}");
}

#[tokio::test]
async fn ids_are_stored_as_lowercase_hyphenated_text() {
    let (store, guard) = common::fresh_store().await;
    let user = fixtures::user("textual");
    store.insert_user(&user).await.unwrap();
    let stored = raw(&guard)
        .await
        .collection::<Document>("users")
        .find_one(doc! {})
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stored.get_str("_id").unwrap(),
        user.id.as_uuid().hyphenated().to_string()
    );
    assert_eq!(
        stored.get_i64("created_at").unwrap(),
        user.created_at.millis()
    );
}

#[tokio::test]
async fn a_transfer_claimed_but_not_applied_is_finished_by_the_next_attempt() {
    let (store, guard) = common::fresh_store().await;
    let dyn_store: Arc<dyn Store> = store.clone();
    let c = fixtures::add_community(&dyn_store, "owner").await;
    let (anna, bert) = (
        store_user(&store, "anna").await,
        store_user(&store, "bert").await,
    );
    fixtures::add_member(&dyn_store, &c.server, anna, fixtures::at(1)).await;
    fixtures::add_member(&dyn_store, &c.server, bert, fixtures::at(2)).await;
    // As if a transfer to anna was interrupted right after its claim.
    raw(&guard)
        .await
        .collection::<Document>("ownership_transfers")
        .insert_one(doc! {
            "_id": format!("{}:0", c.server.id),
            "server_id": c.server.id.to_string(),
            "from": c.owner.id.to_string(),
            "to": anna.to_string(),
        })
        .await
        .unwrap();
    // The owner tries again, to bert: the earlier transfer is finished
    // first, so the owner no longer owns anything to give.
    assert!(!store
        .transfer_ownership(c.server.id, c.owner.id, bert)
        .await
        .unwrap());
    let server = store.server_by_id(c.server.id).await.unwrap().unwrap();
    assert_eq!(server.owner_id, anna);
    let role = |u| {
        let store = Arc::clone(&store);
        async move { store.member(c.server.id, u).await.unwrap().unwrap().role }
    };
    assert_eq!(role(anna).await, Role::Owner);
    assert_eq!(role(c.owner.id).await, Role::Admin);
    // And transfers go on from the new epoch.
    assert!(store
        .transfer_ownership(c.server.id, anna, bert)
        .await
        .unwrap());
    assert_eq!(
        store
            .server_by_id(c.server.id)
            .await
            .unwrap()
            .unwrap()
            .owner_id,
        bert
    );
}

#[tokio::test]
async fn a_token_whose_spend_was_claimed_but_not_flagged_counts_as_spent() {
    let (store, guard) = common::fresh_store().await;
    let user = store_user(&store, "alice").await;
    let session = fixtures::session(user);
    let hash = fixtures::token_hash();
    let tomorrow = fixtures::at(86_400);
    store
        .create_session(&session, &fixtures::grant(&hash, tomorrow))
        .await
        .unwrap();
    raw(&guard)
        .await
        .collection::<Document>("refresh_spends")
        .insert_one(doc! { "_id": &hash, "user_id": user.to_string() })
        .await
        .unwrap();
    let next = fixtures::grant(&fixtures::token_hash(), tomorrow);
    let outcome = store
        .rotate_refresh(&hash, &next, fixtures::at(1))
        .await
        .unwrap();
    assert_eq!(outcome, Rotation::Reused(session.id));
    let again = store
        .rotate_refresh(&next.hash, &next, fixtures::at(2))
        .await
        .unwrap();
    assert_eq!(
        again,
        Rotation::Invalid,
        "the loser's next token was removed"
    );
}

#[tokio::test]
async fn an_unlimited_invite_counts_every_use_and_leaving_gives_no_use_back() {
    let (store, _guard) = common::fresh_store().await;
    let dyn_store: Arc<dyn Store> = store.clone();
    let c = fixtures::add_community(&dyn_store, "owner").await;
    let unlimited = fixtures::invite(c.server.id, c.owner.id);
    let limited = Invite {
        max_uses: Some(2),
        ..fixtures::invite(c.server.id, c.owner.id)
    };
    store.insert_invite(&unlimited).await.unwrap();
    store.insert_invite(&limited).await.unwrap();
    for name in ["user1", "user2", "user3"] {
        let user = store_user(&store, name).await;
        let m = fixtures::member(c.server.id, user, Role::Member, fixtures::at(1));
        let outcome = store
            .join_with_invite(&unlimited.code, &m, fixtures::at(1))
            .await;
        assert_eq!(outcome.unwrap(), JoinOutcome::Joined);
    }
    let stored = store
        .invite_by_code(&unlimited.code)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.uses, 3);

    // Two users take the limited invite's two uses; one leaves, but the
    // use stays counted (leaving is not giving back).
    let (a, b, d) = (
        store_user(&store, "anna1").await,
        store_user(&store, "bert1").await,
        store_user(&store, "dora1").await,
    );
    for user in [a, b] {
        let m = fixtures::member(c.server.id, user, Role::Member, fixtures::at(1));
        let outcome = store
            .join_with_invite(&limited.code, &m, fixtures::at(1))
            .await;
        assert_eq!(outcome.unwrap(), JoinOutcome::Joined);
    }
    store.remove_member(c.server.id, a).await.unwrap();
    let m = fixtures::member(c.server.id, d, Role::Member, fixtures::at(1));
    let outcome = store
        .join_with_invite(&limited.code, &m, fixtures::at(1))
        .await;
    assert_eq!(outcome.unwrap(), JoinOutcome::Expired);
    let invites = store.invites_of(c.server.id).await.unwrap();
    let mut uses: Vec<u32> = invites.iter().map(|i| i.uses).collect();
    uses.sort();
    assert_eq!(uses, vec![2, 3]);

    // Deleting the server removes the uses with the invites.
    assert!(store.delete_server(c.server.id).await.unwrap());
    assert_eq!(store.invite_by_code(&limited.code).await.unwrap(), None);
}

async fn store_user(store: &Arc<MongoStore>, name: &str) -> UserId {
    let user = fixtures::user(name);
    store.insert_user(&user).await.unwrap();
    user.id
}
