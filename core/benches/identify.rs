//! The store work of a gateway `identify` at 1, 10 and 100 servers: store
//! calls (round trips) and latency, the old way (one `get_server` per
//! server after `list_servers`) and the new way (`servers_with_channels`).
//!
//! `cargo bench -p chat-core --bench identify` (memory store; each store
//! method takes the store's lock once, so the call count is the number of
//! round trips a database store would make). Prints figures, asserts
//! nothing about time.

use std::sync::Arc;
use std::time::Instant;

use chat_core::auth::{Actor, SignupRequest};
use chat_core::channels::ChannelName;
use chat_core::invites::InviteOptions;
use chat_core::servers::ServerName;
use chat_core::users::{Password, Username};
use chat_core::{Chat, Deps};
use chat_memory::{
    FakeMfaCrypto, FastHasher, InsecureTestTokens, ManualClock, MemoryEvents, MemoryPresence,
    MemoryStore, SequentialIds,
};

const CHANNELS_PER_SERVER: usize = 5;
const ROUNDS: usize = 2_000;

struct Setup {
    chat: Chat,
    store: Arc<MemoryStore>,
    token: String,
}

async fn user(chat: &Chat, name: &str) -> (Actor, String) {
    let tokens = chat
        .signup(SignupRequest {
            username: Username::parse(name).expect("a valid username"),
            password: Password::parse("correct horse battery").expect("a valid password"),
            display_name: None,
        })
        .await
        .expect("signup");
    let token = tokens.access.token.clone();
    let actor = chat.authenticate(&token).await.expect("authenticate");
    (actor, token)
}

/// A user in `servers` servers of `CHANNELS_PER_SERVER` channels and 3 members.
async fn setup(servers: usize) -> Setup {
    let store = Arc::new(MemoryStore::default());
    let chat = Chat::new(Deps {
        store: store.clone(),
        clock: Arc::new(ManualClock::default()),
        ids: Arc::new(SequentialIds::new()),
        hasher: Arc::new(FastHasher),
        tokens: Arc::new(InsecureTestTokens),
        events: Arc::new(MemoryEvents::default()),
        presence: Arc::new(MemoryPresence::default()),
        mfa: Arc::new(FakeMfaCrypto),
    });
    let (owner, _) = user(&chat, "owner").await;
    let (other, _) = user(&chat, "other").await;
    let (alice, token) = user(&chat, "alice").await;
    for i in 0..servers {
        let name = ServerName::parse(&format!("server {i}")).expect("a valid name");
        let details = chat
            .create_server(&owner, name, None)
            .await
            .expect("server");
        let id = details.view.server.id;
        for c in 1..CHANNELS_PER_SERVER {
            let name = ChannelName::parse(&format!("room-{c}")).expect("a valid name");
            chat.create_channel(&owner, id, name, None)
                .await
                .expect("channel");
        }
        for who in [&alice, &other] {
            let code = chat
                .create_invite(&owner, id, InviteOptions::default())
                .await
                .expect("invite")
                .code;
            chat.join_via_invite(who, &code, None).await.expect("join");
        }
    }
    Setup { chat, store, token }
}

/// What identify asks the store, the old way or the new way; the number
/// of servers listed.
async fn identify(s: &Setup, constant: bool) -> usize {
    let chat = &s.chat;
    let actor = chat.authenticate(&s.token).await.expect("authenticate");
    assert!(chat.session_is_live(actor.session_id).await.expect("live"));
    let listed = if constant {
        chat.servers_with_channels(&actor)
            .await
            .expect("servers")
            .len()
    } else {
        let views = chat.list_servers(&actor).await.expect("servers");
        let mut n = 0;
        for view in &views {
            chat.get_server(&actor, view.server.id)
                .await
                .expect("server");
            n += 1;
        }
        n
    };
    chat.me(&actor).await.expect("me");
    let reads = chat.read_states(&actor).await.expect("read states");
    chat.direct_channels_with(&actor, &reads)
        .await
        .expect("direct channels");
    chat.notification_settings(&actor).await.expect("settings");
    listed
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    println!(
        "identify's store work, memory store, {CHANNELS_PER_SERVER} channels per server, \
         {ROUNDS} identifies per cell"
    );
    for servers in [1, 10, 100] {
        let s = setup(servers).await;
        for (way, constant) in [
            ("one get_server per server", false),
            ("servers_overview", true),
        ] {
            let before = s.store.calls();
            assert_eq!(identify(&s, constant).await, servers);
            let calls = s.store.calls() - before;
            let mut samples = Vec::with_capacity(ROUNDS);
            for _ in 0..ROUNDS {
                let started = Instant::now();
                identify(&s, constant).await;
                samples.push(started.elapsed());
            }
            samples.sort_unstable();
            let ms = |q: f64| {
                let at = ((samples.len() - 1) as f64 * q).round() as usize;
                samples[at].as_secs_f64() * 1000.0
            };
            println!(
                "{servers:>3} servers, {way:<26}: {calls:>4} store calls, p50 {:.3} ms, p99 {:.3} ms",
                ms(0.50),
                ms(0.99)
            );
        }
    }
}
