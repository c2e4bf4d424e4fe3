//! `TestApp`: the REST API in process over the memory adapters, the real
//! `JwtTokens` and a clock the test moves, with helpers so each test reads
//! like the API it exercises.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use chat_auth::JwtTokens;
use chat_core::{Chat, Deps, UuidV7Generator};
use chat_http::{api, handle_rejection, HttpConfig};
use chat_memory::{FastHasher, ManualClock, MemoryEvents, MemoryPresence, MemoryStore};
use serde_json::{json, Value};
use warp::filters::BoxedFilter;
use warp::http::HeaderMap;
use warp::{Filter, Reply};

pub const PASSWORD: &str = "correct horse battery";

/// The API with the rejection handler, as the binary serves it.
pub struct TestApp {
    pub chat: Chat,
    pub clock: Arc<ManualClock>,
    pub events: Arc<MemoryEvents>,
    pub filter: BoxedFilter<(Box<dyn Reply>,)>,
    pub peer: SocketAddr,
}

/// A user signed up through the API.
#[derive(Debug, Clone)]
pub struct TestUser {
    pub id: String,
    pub username: String,
    pub token: String,
    pub refresh_token: String,
}

/// What came back.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Answer {
    /// The error code of an envelope.
    pub fn code(&self) -> &str {
        self.body["error"]["code"].as_str().unwrap_or("")
    }

    /// `details.field` of a validation error.
    pub fn field(&self) -> &str {
        self.body["error"]["details"]["field"]
            .as_str()
            .unwrap_or("")
    }

    /// Asserts the status and, for errors, the envelope's code.
    #[track_caller]
    pub fn expect(&self, status: u16, code: &str) -> &Self {
        assert_eq!(self.status, status, "body: {}", self.body);
        if !code.is_empty() {
            assert_eq!(self.code(), code, "body: {}", self.body);
            assert!(
                self.body["error"]["message"].is_string(),
                "body: {}",
                self.body
            );
        }
        self
    }
}

impl TestApp {
    /// Rate limits off.
    pub fn new() -> Self {
        Self::with_config(HttpConfig {
            rate_limits: false,
            ..HttpConfig::default()
        })
    }

    pub fn with_config(config: HttpConfig) -> Self {
        Self::with_config_and(config, |chat| chat)
    }

    /// Attachments on: files in a fresh folder (kept alive by the
    /// returned guard), these numbers, rate limits off.
    pub fn with_attachments(
        policy: chat_core::attachments::AttachmentPolicy,
    ) -> (Self, tempfile::TempDir) {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let blobs = chat_blobs::FsBlobStore::open(dir.path().join("blobs")).expect("blobs");
        let deps = chat_core::attachments::AttachmentDeps {
            blobs: Arc::new(blobs),
            images: Arc::new(chat_blobs::ImageCrateProbe::default()),
            signer: Arc::new(chat_blobs::HmacSigner::new(
                b"a test key for attachment urls!!".to_vec(),
            )),
            policy,
        };
        let config = HttpConfig {
            rate_limits: false,
            ..HttpConfig::default()
        };
        let app = Self::with_config_and(config, move |chat| chat.with_attachments(deps));
        (app, dir)
    }

    /// Rate limits off, the sign-up challenge on with this difficulty.
    pub fn with_signup_challenge(max_number: u64) -> Self {
        let config = HttpConfig {
            rate_limits: false,
            ..HttpConfig::default()
        };
        Self::with_config_and(config, |chat| {
            let policy = chat_core::challenge::ChallengePolicy {
                max_number,
                ..Default::default()
            };
            let crypto = Arc::new(chat_auth::RealChallengeCrypto::new(
                b"a test key for sign-up challenges!",
            ));
            chat.with_signup_challenge(chat_core::challenge::SignupChallenge::new(policy, crypto))
        })
    }

    /// Like `with_config`, with a last change to the use cases.
    pub fn with_config_and(config: HttpConfig, finish: impl FnOnce(Chat) -> Chat) -> Self {
        let clock = Arc::new(ManualClock::default());
        let events = Arc::new(MemoryEvents::default());
        let chat = Chat::new(Deps {
            store: Arc::new(MemoryStore::default()),
            clock: clock.clone(),
            ids: Arc::new(UuidV7Generator),
            hasher: Arc::new(FastHasher),
            tokens: Arc::new(JwtTokens::new(b"a test secret of at least 32 bytes!")),
            events: events.clone(),
            presence: Arc::new(MemoryPresence::default()),
            mfa: Arc::new(chat_auth::RealMfaCrypto::new(
                b"a test key for two-factor secrets!",
            )),
        });
        let chat = if config.rate_limits {
            let counters = Arc::new(chat_memory::MemoryCounters::default());
            chat.with_limits(chat_core::limits::LimitPolicy::default(), counters)
        } else {
            chat
        };
        let chat = finish(chat);
        let filter = api(chat.clone(), config)
            .recover(handle_rejection)
            .unify()
            .boxed();
        Self {
            chat,
            clock,
            events,
            filter,
            peer: "10.1.2.3:5555".parse().unwrap(),
        }
    }

    pub fn advance(&self, by: Duration) {
        self.clock.advance(by);
    }

    /// A request with an optional bearer token and JSON body.
    pub async fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Answer {
        let mut req = warp::test::request()
            .method(method)
            .path(path)
            .remote_addr(self.peer);
        if let Some(t) = token {
            req = req.header("authorization", format!("Bearer {t}"));
        }
        if let Some(b) = body {
            req = req
                .header("content-type", "application/json")
                .body(b.to_string());
        }
        self.send(req).await
    }

    /// Sends a prepared request through the filter.
    pub async fn send(&self, req: warp::test::RequestBuilder) -> Answer {
        let res = req.reply(&self.filter).await;
        let body = if res.body().is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(res.body())
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(res.body()).into_owned()))
        };
        Answer {
            status: res.status().as_u16(),
            headers: res.headers().clone(),
            body,
        }
    }

    pub async fn get(&self, path: &str, user: &TestUser) -> Answer {
        self.call("GET", path, Some(&user.token), None).await
    }

    pub async fn delete(&self, path: &str, user: &TestUser) -> Answer {
        self.call("DELETE", path, Some(&user.token), None).await
    }

    pub async fn post(&self, path: &str, user: &TestUser, body: Value) -> Answer {
        self.call("POST", path, Some(&user.token), Some(body)).await
    }

    pub async fn put(&self, path: &str, user: &TestUser, body: Value) -> Answer {
        self.call("PUT", path, Some(&user.token), Some(body)).await
    }

    pub async fn patch(&self, path: &str, user: &TestUser, body: Value) -> Answer {
        self.call("PATCH", path, Some(&user.token), Some(body))
            .await
    }

    /// Signs `username` up (password [`PASSWORD`]).
    pub async fn signup(&self, username: &str) -> TestUser {
        let body = json!({"username": username, "password": PASSWORD});
        let a = self.call("POST", "/auth/signup", None, Some(body)).await;
        a.expect(201, "");
        user_of(&a)
    }

    /// Logs `username` in again: a second session.
    pub async fn login(&self, username: &str) -> TestUser {
        let body = json!({"username": username, "password": PASSWORD});
        let a = self.call("POST", "/auth/login", None, Some(body)).await;
        a.expect(200, "");
        user_of(&a)
    }

    /// Creates a server owned by `owner`; answers the server JSON.
    pub async fn create_server(&self, owner: &TestUser, name: &str) -> Value {
        let a = self.post("/servers", owner, json!({"name": name})).await;
        a.expect(201, "");
        a.body.clone()
    }

    /// A server of `owner` and its `general` channel's id.
    pub async fn server_with_channel(&self, owner: &TestUser) -> (String, String) {
        let s = self.create_server(owner, "Rustaceans").await;
        let id = s["id"].as_str().unwrap().to_owned();
        let channel = s["channels"][0]["id"].as_str().unwrap().to_owned();
        (id, channel)
    }

    /// An invite code of `server`, made by `admin`.
    pub async fn invite(&self, admin: &TestUser, server: &str) -> String {
        let a = self
            .post(&format!("/servers/{server}/invites"), admin, json!({}))
            .await;
        a.expect(201, "");
        a.body["code"].as_str().unwrap().to_owned()
    }

    /// `user` joins `server` through a fresh invite of `admin`.
    pub async fn join(&self, admin: &TestUser, server: &str, user: &TestUser) {
        let code = self.invite(admin, server).await;
        self.call(
            "POST",
            &format!("/invites/{code}/join"),
            Some(&user.token),
            None,
        )
        .await
        .expect(200, "");
    }

    /// Sends a message; answers its JSON.
    pub async fn say(&self, user: &TestUser, channel: &str, content: &str) -> Value {
        let a = self
            .post(
                &format!("/channels/{channel}/messages"),
                user,
                json!({"content": content}),
            )
            .await;
        a.expect(201, "");
        a.body.clone()
    }
}

fn user_of(a: &Answer) -> TestUser {
    TestUser {
        id: a.body["user"]["id"].as_str().unwrap().to_owned(),
        username: a.body["user"]["username"].as_str().unwrap().to_owned(),
        token: a.body["access_token"].as_str().unwrap().to_owned(),
        refresh_token: a.body["refresh_token"].as_str().unwrap().to_owned(),
    }
}

/// A UUID that names nothing.
pub fn nobody() -> String {
    uuid::Uuid::now_v7().to_string()
}
