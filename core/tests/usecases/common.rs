//! `TestApp`: a `Chat` over memory adapters, with handles on the clock,
//! events and presence, and short helpers so each test reads like the API.

use std::sync::Arc;
use std::time::Duration;

use chat_core::auth::{Actor, Credentials, SignupRequest};
use chat_core::events::{Event, EventKind};
use chat_core::ids::{InviteCode, ServerId};
use chat_core::invites::InviteOptions;
use chat_core::servers::{ServerDetails, ServerName};
use chat_core::users::{Password, Username};
use chat_core::{Chat, Deps, Error};
use chat_memory::{
    FastHasher, InsecureTestTokens, ManualClock, MemoryEvents, MemoryPresence, MemoryStore,
    SequentialIds,
};

pub const PASSWORD: &str = "correct horse battery";

pub struct TestApp {
    pub chat: Chat,
    pub clock: Arc<ManualClock>,
    pub events: Arc<MemoryEvents>,
    /// The store behind `chat`, to set up states no use case reaches alone.
    pub store: Arc<MemoryStore>,
}

impl TestApp {
    pub fn new() -> Self {
        let clock = Arc::new(ManualClock::default());
        let events = Arc::new(MemoryEvents::default());
        let presence = Arc::new(MemoryPresence::default());
        let store = Arc::new(MemoryStore::default());
        let chat = Chat::new(Deps {
            store: store.clone(),
            clock: clock.clone(),
            ids: Arc::new(SequentialIds::new()),
            hasher: Arc::new(FastHasher),
            tokens: Arc::new(InsecureTestTokens),
            events: events.clone(),
            presence,
            mfa: Arc::new(chat_memory::FakeMfaCrypto),
        });
        Self {
            chat,
            clock,
            events,
            store,
        }
    }

    /// Signs up `name` and returns the authenticated actor.
    pub async fn user(&self, name: &str) -> Actor {
        let tokens = self
            .chat
            .signup(SignupRequest {
                username: Username::parse(name).unwrap(),
                password: Password::parse(PASSWORD).unwrap(),
                display_name: None,
            })
            .await
            .unwrap();
        self.chat.authenticate(&tokens.access.token).await.unwrap()
    }

    pub fn credentials(name: &str, password: &str) -> Credentials {
        Credentials {
            username: name.to_owned(),
            password: Password::for_login(password),
        }
    }

    /// Creates a server owned by `owner`.
    pub async fn server(&self, owner: &Actor, name: &str) -> ServerDetails {
        self.chat
            .create_server(owner, ServerName::parse(name).unwrap(), None)
            .await
            .unwrap()
    }

    /// An unlimited invite to `server`, made by `admin`.
    pub async fn invite(&self, admin: &Actor, server: ServerId) -> InviteCode {
        self.chat
            .create_invite(admin, server, InviteOptions::default())
            .await
            .unwrap()
            .code
    }

    /// `who` joins `server` through a fresh invite made by `admin`.
    pub async fn join(&self, admin: &Actor, who: &Actor, server: ServerId) {
        let code = self.invite(admin, server).await;
        self.chat.join_via_invite(who, &code, None).await.unwrap();
    }

    /// A server owned by a new user "owner", with "admin" (made admin) and
    /// "member" in it.
    pub async fn community(&self) -> Community {
        let owner = self.user("owner").await;
        let admin = self.user("admin").await;
        let member = self.user("member").await;
        let details = self.server(&owner, "Community").await;
        let server = details.view.server.id;
        self.join(&owner, &admin, server).await;
        self.join(&owner, &member, server).await;
        self.chat
            .set_role(&owner, server, admin.user_id, chat_core::role::Role::Admin)
            .await
            .unwrap();
        Community {
            owner,
            admin,
            member,
            server,
            general: details.channels[0].id,
        }
    }

    pub fn advance(&self, seconds: u64) {
        self.clock.advance(Duration::from_secs(seconds));
    }

    /// The events published since the last call.
    pub fn take_events(&self) -> Vec<Event> {
        self.events.take()
    }

    pub fn take_kinds(&self) -> Vec<EventKind> {
        self.take_events().into_iter().map(|e| e.kind).collect()
    }
}

pub struct Community {
    pub owner: Actor,
    pub admin: Actor,
    pub member: Actor,
    pub server: ServerId,
    pub general: chat_core::ids::ChannelId,
}

/// The API code of an error, for short assertions.
pub fn code<T: std::fmt::Debug>(r: Result<T, Error>) -> &'static str {
    match r {
        Ok(v) => panic!("expected an error, got {v:?}"),
        Err(e) => e.code(),
    }
}

/// The field named by a validation error.
pub fn field<T: std::fmt::Debug>(r: Result<T, Error>) -> &'static str {
    match r {
        Err(Error::Validation(v)) => v.field,
        other => panic!("expected a validation error, got {other:?}"),
    }
}
