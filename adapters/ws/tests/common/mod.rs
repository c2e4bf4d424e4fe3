//! `TestApp`: the gateway over an in-memory `Chat`, served by warp on a
//! free port, and `Client`: a real WebSocket client that checks every
//! event's `seq` as it reads.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use chat_core::auth::{Actor, SignupRequest};
use chat_core::channels::ChannelName;
use chat_core::ids::{ChannelId, ServerId};
use chat_core::invites::InviteOptions;
use chat_core::messages::MessageContent;
use chat_core::servers::{ServerDetails, ServerName};
use chat_core::users::{Password, Username};
use chat_core::{Chat, Deps, SystemClock, UuidV7Generator};
use chat_memory::{FastHasher, InsecureTestTokens, MemoryPresence, MemoryStore};
use chat_ws::{route, GatewayConfig, Hub};
use futures::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// How long a test waits for a frame it expects.
pub const WAIT: Duration = Duration::from_secs(3);
/// How long a test listens to be sure nothing comes.
pub const QUIET: Duration = Duration::from_millis(300);

/// Durations short enough for tests, long enough not to fire by accident.
pub fn config() -> GatewayConfig {
    GatewayConfig {
        heartbeat_interval: Duration::from_secs(10),
        identify_timeout: Duration::from_secs(5),
        presence_grace: Duration::from_millis(100),
        resume_window: Duration::from_secs(10),
        ..GatewayConfig::default()
    }
}

pub struct TestApp {
    pub chat: Chat,
    pub hub: Arc<Hub>,
    pub addr: SocketAddr,
    /// The store, to count its calls.
    pub store: Arc<MemoryStore>,
}

/// A signed-up user: who, and their access token.
#[derive(Clone)]
pub struct User {
    pub actor: Actor,
    pub token: String,
}

impl TestApp {
    pub async fn start() -> Self {
        Self::with(config()).await
    }

    pub async fn with(config: GatewayConfig) -> Self {
        let hub = Hub::new(config);
        let store = Arc::new(MemoryStore::default());
        let chat = Chat::new(Deps {
            store: store.clone(),
            clock: Arc::new(SystemClock),
            ids: Arc::new(UuidV7Generator),
            hasher: Arc::new(FastHasher),
            tokens: Arc::new(InsecureTestTokens),
            events: hub.clone(),
            presence: Arc::new(MemoryPresence::default()),
            mfa: Arc::new(chat_memory::FakeMfaCrypto),
        });
        let filter = route(hub.clone(), chat.clone());
        let any_port = std::net::SocketAddr::from(([127, 0, 0, 1], 0));
        let (addr, server) = chat_http::bind(any_port, filter, std::future::pending())
            .expect("a free port on 127.0.0.1");
        tokio::spawn(server);
        Self {
            chat,
            hub,
            addr,
            store,
        }
    }

    pub fn url(&self) -> String {
        format!("ws://{}/ws", self.addr)
    }

    pub async fn user(&self, name: &str) -> User {
        let tokens = self
            .chat
            .signup(SignupRequest {
                username: Username::parse(name).unwrap(),
                password: Password::parse("correct horse battery").unwrap(),
                display_name: None,
            })
            .await
            .unwrap();
        let actor = self.chat.authenticate(&tokens.access.token).await.unwrap();
        User {
            actor,
            token: tokens.access.token,
        }
    }

    pub async fn server(&self, owner: &User, name: &str) -> ServerDetails {
        let name = ServerName::parse(name).unwrap();
        self.chat
            .create_server(&owner.actor, name, None)
            .await
            .unwrap()
    }

    /// `member` joins `server` through an invite made by `admin`.
    pub async fn join(&self, admin: &User, member: &User, server: ServerId) {
        let invite = self
            .chat
            .create_invite(&admin.actor, server, InviteOptions::default())
            .await
            .unwrap();
        self.chat
            .join_via_invite(&member.actor, &invite.code, None)
            .await
            .unwrap();
    }

    pub async fn send(&self, author: &User, channel: ChannelId, text: &str) {
        let content = MessageContent::parse(text).unwrap();
        self.chat
            .send_message(&author.actor, channel, content, None)
            .await
            .unwrap();
    }

    pub async fn channel(&self, admin: &User, server: ServerId, name: &str) -> ChannelId {
        let name = ChannelName::parse(name).unwrap();
        self.chat
            .create_channel(&admin.actor, server, name, None)
            .await
            .unwrap()
            .id
    }

    /// A socket that has read `hello`.
    pub async fn connect(&self) -> Client {
        let (ws, _) = tokio_tungstenite::connect_async(self.url()).await.unwrap();
        let mut client = Client { ws, last_seq: 0 };
        let hello = client.recv().await;
        assert_eq!(hello["type"], "hello");
        assert!(hello["data"]["heartbeat_interval_ms"].as_u64().is_some());
        assert!(hello.get("seq").is_none());
        client
    }

    /// A socket that has identified and read `ready`.
    pub async fn identify(&self, user: &User) -> (Client, Value) {
        let mut client = self.connect().await;
        let ready = client.identify(user).await;
        (client, ready)
    }

    /// The HTTP status of an upgrade attempt with this `Origin`, or 101.
    pub async fn upgrade_status(&self, origin: &str) -> u16 {
        let mut request = self.url().into_client_request().unwrap();
        request
            .headers_mut()
            .insert("Origin", origin.parse().unwrap());
        match tokio_tungstenite::connect_async(request).await {
            Ok(_) => 101,
            Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
                let body = response.body().as_deref().unwrap_or_default();
                let body: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
                assert!(body["error"]["code"].is_string(), "error envelope: {body}");
                response.status().as_u16()
            }
            Err(e) => panic!("unexpected error {e}"),
        }
    }
}

pub struct Client {
    pub ws: WebSocketStream<MaybeTlsStream<TcpStream>>,
    /// The `seq` of the last event read (events must follow it without gaps).
    pub last_seq: u64,
}

impl Client {
    pub async fn send(&mut self, frame: Value) {
        self.ws
            .send(Message::text(frame.to_string()))
            .await
            .unwrap();
    }

    pub async fn send_raw(&mut self, text: &str) {
        self.ws.send(Message::text(text)).await.unwrap();
    }

    pub async fn identify(&mut self, user: &User) -> Value {
        self.send(json!({"type": "identify", "data": {"token": user.token}}))
            .await;
        let ready = self.recv().await;
        assert_eq!(ready["type"], "ready", "{ready}");
        assert!(ready.get("seq").is_none());
        ready
    }

    /// The next text frame; checks that events carry the next `seq`.
    pub async fn recv(&mut self) -> Value {
        loop {
            let message = tokio::time::timeout(WAIT, self.ws.next())
                .await
                .expect("a frame in time")
                .expect("an open socket")
                .expect("a readable frame");
            match message {
                Message::Text(text) => {
                    let frame: Value = serde_json::from_str(text.as_str()).unwrap();
                    self.check_seq(&frame);
                    return frame;
                }
                Message::Close(close) => panic!("closed: {close:?}"),
                _ => continue,
            }
        }
    }

    fn check_seq(&mut self, frame: &Value) {
        if let Some(seq) = frame.get("seq") {
            let seq = seq.as_u64().expect("a numeric seq");
            assert_eq!(seq, self.last_seq + 1, "seq without gaps: {frame}");
            self.last_seq = seq;
        }
    }

    /// The next frame, which must be an event of type `kind`.
    pub async fn expect(&mut self, kind: &str) -> Value {
        let frame = self.recv().await;
        assert_eq!(frame["type"], kind, "{frame}");
        assert!(frame["seq"].is_u64(), "events carry seq: {frame}");
        frame
    }

    /// Reads every frame until none comes for a while.
    pub async fn drain(&mut self) -> Vec<Value> {
        let mut frames = Vec::new();
        while let Ok(Some(Ok(message))) = tokio::time::timeout(QUIET, self.ws.next()).await {
            if let Message::Text(text) = message {
                let frame: Value = serde_json::from_str(text.as_str()).unwrap();
                self.check_seq(&frame);
                frames.push(frame);
            }
        }
        frames
    }

    /// Checks that nothing arrives for a while.
    pub async fn expect_nothing(&mut self) {
        let frames = self.drain().await;
        assert!(frames.is_empty(), "expected nothing, got {frames:?}");
    }

    /// Reads until the server closes; returns the close code.
    pub async fn expect_close(&mut self) -> u16 {
        loop {
            let next = tokio::time::timeout(WAIT, self.ws.next())
                .await
                .expect("a close in time");
            match next {
                Some(Ok(Message::Close(Some(frame)))) => return u16::from(frame.code),
                Some(Ok(Message::Close(None))) => panic!("closed without a code"),
                Some(Ok(_)) => continue,
                Some(Err(e)) => panic!("socket error before a close frame: {e}"),
                None => panic!("socket ended without a close frame"),
            }
        }
    }

    /// Closes from the client side with `code`.
    pub async fn close(mut self, code: u16) {
        let frame = CloseFrame {
            code: CloseCode::from(code),
            reason: "bye".into(),
        };
        let _ = self.ws.close(Some(frame)).await;
        while let Ok(Some(Ok(_))) = tokio::time::timeout(WAIT, self.ws.next()).await {}
    }
}

/// The ids of a ready frame's servers.
pub fn server_ids(ready: &Value) -> Vec<String> {
    ready["data"]["servers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .collect()
}
