//! The limits: throttled login and sign-up that hold under concurrency,
//! no lock-out of others, the hashing queue, write rates and quotas.

use std::net::IpAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use chat_core::auth::{ClientInfo, HashError, PasswordHasher, SignupRequest};
use chat_core::limits::{ClientKey, LimitPolicy};
use chat_core::messages::MessageContent;
use chat_core::servers::ServerName;
use chat_core::users::{Password, PasswordHash, Username};
use chat_core::{Chat, Deps, Error};
use chat_memory::{FastHasher, MemoryCounters};
use tokio::sync::Semaphore;

use crate::common::{code, TestApp, PASSWORD};

fn limited_with(policy: LimitPolicy) -> TestApp {
    let mut app = TestApp::new();
    app.chat = app
        .chat
        .clone()
        .with_limits(policy, Arc::new(MemoryCounters::default()));
    app
}

fn limited() -> TestApp {
    limited_with(LimitPolicy::default())
}

fn from(ip: &str) -> ClientKey {
    ClientKey::of(ip.parse::<IpAddr>().unwrap())
}

fn signup(name: &str) -> SignupRequest {
    SignupRequest {
        username: Username::parse(name).unwrap(),
        password: Password::parse(PASSWORD).unwrap(),
        display_name: None,
    }
}

/// Runs `n` wrong-password logins for `name` from `ip` at once; returns
/// how many were evaluated (401) and how many refused (429).
async fn burst_of_wrong_logins(chat: &Chat, name: &str, ip: &str, n: usize) -> (usize, usize) {
    let tasks: Vec<_> = (0..n)
        .map(|_| {
            let chat = chat.clone();
            let (name, client) = (name.to_owned(), from(ip));
            tokio::spawn(async move {
                let credentials = TestApp::credentials(&name, "wrong password");
                chat.login_from(&client, credentials, ClientInfo::default())
                    .await
                    .map(|_| ())
            })
        })
        .collect();
    let (mut evaluated, mut refused) = (0, 0);
    for t in tasks {
        match t.await.unwrap() {
            Err(Error::Unauthenticated(_)) => evaluated += 1,
            Err(Error::RateLimited { retry_after }) => {
                assert!(retry_after > Duration::ZERO);
                refused += 1;
            }
            other => panic!("unexpected {other:?}"),
        }
    }
    (evaluated, refused)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_concurrent_wrong_logins_get_at_most_five_evaluations() {
    let app = limited();
    app.chat.signup(signup("alice")).await.unwrap();
    let (evaluated, refused) = burst_of_wrong_logins(&app.chat, "alice", "127.0.0.2", 200).await;
    assert!((1..=5).contains(&evaluated), "{evaluated} evaluated");
    assert_eq!(evaluated + refused, 200);
    // Sequentially too: the bucket is empty now.
    let again = app
        .chat
        .login_from(
            &from("127.0.0.2"),
            TestApp::credentials("alice", PASSWORD),
            ClientInfo::default(),
        )
        .await;
    assert_eq!(code(again), "rate_limited");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_owner_still_logs_in_from_another_address_after_an_attack() {
    let app = limited();
    app.chat.signup(signup("alice")).await.unwrap();
    burst_of_wrong_logins(&app.chat, "alice", "127.0.0.2", 50).await;
    let owner = app
        .chat
        .login_from(
            &from("127.0.0.1"),
            TestApp::credentials("alice", PASSWORD),
            ClientInfo::default(),
        )
        .await;
    assert!(owner.is_ok(), "{owner:?}");
}

#[tokio::test]
async fn a_success_clears_the_failures_of_that_username_and_address() {
    let app = limited();
    app.chat.signup(signup("alice")).await.unwrap();
    let me = from("127.0.0.1");
    for _ in 0..4 {
        let wrong = TestApp::credentials("alice", "wrong password");
        assert_eq!(
            code(app.chat.login_from(&me, wrong, ClientInfo::default()).await),
            "unauthenticated"
        );
    }
    let right = TestApp::credentials("alice", PASSWORD);
    assert!(app
        .chat
        .login_from(&me, right, ClientInfo::default())
        .await
        .is_ok());
    for _ in 0..5 {
        let wrong = TestApp::credentials("alice", "wrong password");
        assert_eq!(
            code(app.chat.login_from(&me, wrong, ClientInfo::default()).await),
            "unauthenticated"
        );
    }
}

#[tokio::test]
async fn one_address_has_a_budget_across_usernames() {
    let app = limited();
    let attacker = from("127.0.0.2");
    for i in 0..20 {
        let wrong = TestApp::credentials(&format!("user{i}"), "wrong password");
        assert_eq!(
            code(
                app.chat
                    .login_from(&attacker, wrong, ClientInfo::default())
                    .await
            ),
            "unauthenticated"
        );
    }
    let next = TestApp::credentials("user99", "wrong password");
    assert_eq!(
        code(
            app.chat
                .login_from(&attacker, next, ClientInfo::default())
                .await
        ),
        "rate_limited"
    );
}

#[tokio::test]
async fn ipv6_addresses_of_one_64_bit_network_share_their_count() {
    let app = limited();
    app.chat.signup(signup("alice")).await.unwrap();
    for i in 1..=5 {
        let client = from(&format!("2001:db8:0:1::{i}"));
        let wrong = TestApp::credentials("alice", "wrong password");
        assert_eq!(
            code(
                app.chat
                    .login_from(&client, wrong, ClientInfo::default())
                    .await
            ),
            "unauthenticated"
        );
    }
    let same_net = TestApp::credentials("alice", PASSWORD);
    let got = app
        .chat
        .login_from(&from("2001:db8:0:1::99"), same_net, ClientInfo::default())
        .await;
    assert_eq!(code(got), "rate_limited");
    let other_net = TestApp::credentials("alice", PASSWORD);
    assert!(app
        .chat
        .login_from(&from("2001:db8:0:2::1"), other_net, ClientInfo::default())
        .await
        .is_ok());
}

#[tokio::test]
async fn a_login_password_over_1_kib_is_refused_on_password() {
    let app = limited();
    let long = "x".repeat(1025);
    let got = app
        .chat
        .login_from(
            &from("127.0.0.1"),
            TestApp::credentials("alice", &long),
            ClientInfo::default(),
        )
        .await;
    match got {
        Err(Error::Validation(v)) => assert_eq!(v.field, "password"),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_sign_ups_from_one_address_create_at_most_thirty_accounts() {
    let app = limited();
    let tasks: Vec<_> = (0..100)
        .map(|i| {
            let chat = app.chat.clone();
            tokio::spawn(async move {
                chat.signup_from(
                    &from("127.0.0.2"),
                    signup(&format!("user{i}")),
                    ClientInfo::default(),
                )
                .await
                .map(|_| ())
            })
        })
        .collect();
    let mut created = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(()) => created += 1,
            Err(Error::RateLimited { .. }) => {}
            other => panic!("unexpected {other:?}"),
        }
    }
    assert!((1..=30).contains(&created), "{created} created");
}

/// A hasher whose every hash waits for a permit, to hold hashes "running";
/// counts the hashes that started.
struct GatedHasher {
    gate: Semaphore,
    started: AtomicUsize,
}

impl GatedHasher {
    async fn pass(&self) -> Result<(), HashError> {
        self.started.fetch_add(1, Ordering::SeqCst);
        let permit = self.gate.acquire().await;
        permit.map(drop).map_err(|e| HashError(e.to_string()))
    }
}

#[async_trait]
impl PasswordHasher for GatedHasher {
    async fn hash(&self, password: &Password) -> Result<PasswordHash, HashError> {
        self.pass().await?;
        FastHasher.hash(password).await
    }

    async fn verify(&self, password: &Password, hash: &PasswordHash) -> Result<bool, HashError> {
        self.pass().await?;
        FastHasher.verify(password, hash).await
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_hashing_queue_answers_unavailable_without_hashing() {
    let hasher = Arc::new(GatedHasher {
        gate: Semaphore::new(0),
        started: AtomicUsize::new(0),
    });
    let deps = Deps {
        hasher: hasher.clone(),
        ..TestApp::new().chat.deps().clone()
    };
    let policy = LimitPolicy {
        hash_queue: 2,
        ..LimitPolicy::default()
    };
    let chat = Chat::new(deps).with_limits(policy, Arc::new(MemoryCounters::default()));
    let held: Vec<_> = (0..2)
        .map(|i| {
            let chat = chat.clone();
            tokio::spawn(async move {
                let who = from(&format!("10.0.0.{i}"));
                let wrong = TestApp::credentials("nobody", "wrong password");
                let _ = chat.login_from(&who, wrong, ClientInfo::default()).await;
            })
        })
        .collect();
    while hasher.started.load(Ordering::SeqCst) < 2 {
        tokio::task::yield_now().await;
    }
    let third = chat
        .login_from(
            &from("10.0.0.9"),
            TestApp::credentials("x", "wrong password"),
            ClientInfo::default(),
        )
        .await;
    assert_eq!(code(third), "unavailable");
    assert_eq!(
        hasher.started.load(Ordering::SeqCst),
        2,
        "the third was not hashed"
    );
    hasher.gate.add_permits(10);
    for h in held {
        h.await.unwrap();
    }
}

#[tokio::test]
async fn messages_are_limited_to_five_per_five_seconds_per_channel() {
    let app = limited();
    let c = app.community().await;
    let send = |who, channel| {
        let chat = app.chat.clone();
        async move {
            let content = MessageContent::parse("hi").unwrap();
            chat.send_message(&who, channel, content, None)
                .await
                .map(|_| ())
        }
    };
    for _ in 0..5 {
        send(c.member, c.general).await.unwrap();
    }
    match send(c.member, c.general).await {
        Err(Error::RateLimited { retry_after }) => {
            assert!(retry_after <= Duration::from_secs(1), "{retry_after:?}")
        }
        other => panic!("expected rate_limited, got {other:?}"),
    }
    // Others are unaffected, and so is another channel of the sender.
    send(c.admin, c.general).await.unwrap();
    let random = app
        .chat
        .create_channel(
            &c.owner,
            c.server,
            chat_core::channels::ChannelName::parse("random").unwrap(),
            None,
        )
        .await
        .unwrap();
    send(c.member, random.id).await.unwrap();
    // One token comes back each second.
    app.advance(1);
    send(c.member, c.general).await.unwrap();
    assert_eq!(code(send(c.member, c.general).await), "rate_limited");
}

#[tokio::test]
async fn creating_servers_is_limited_and_owning_them_has_a_quota() {
    let app = limited_with(LimitPolicy {
        servers_owned: 3,
        ..LimitPolicy::default()
    });
    let alice = app.user("alice").await;
    for i in 0..3 {
        app.server(&alice, &format!("s{i}")).await;
    }
    let fourth = app
        .chat
        .create_server(&alice, ServerName::parse("s4").unwrap(), None)
        .await;
    assert!(
        matches!(fourth, Err(Error::QuotaExceeded { limit: 3, .. })),
        "{fourth:?}"
    );
    assert_eq!(code(fourth), "rate_limited");

    let app = limited();
    let bob = app.user("bob").await;
    for i in 0..10 {
        app.server(&bob, &format!("s{i}")).await;
    }
    let eleventh = app
        .chat
        .create_server(&bob, ServerName::parse("s10").unwrap(), None)
        .await;
    assert!(
        matches!(eleventh, Err(Error::RateLimited { .. })),
        "{eleventh:?}"
    );
}

#[tokio::test]
async fn without_limits_nothing_is_throttled() {
    let app = TestApp::new();
    app.chat.signup(signup("alice")).await.unwrap();
    let (evaluated, refused) = burst_of_wrong_logins(&app.chat, "alice", "127.0.0.2", 30).await;
    assert_eq!((evaluated, refused), (30, 0));
    let c = app.community().await;
    for _ in 0..20 {
        let content = MessageContent::parse("hi").unwrap();
        app.chat
            .send_message(&c.member, c.general, content, None)
            .await
            .unwrap();
    }
}
