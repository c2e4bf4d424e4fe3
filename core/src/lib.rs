//! # chat-core
//!
//! The heart of the chat platform: domain types that cannot hold an invalid
//! value, a pure role policy, every use case of the product, and the ports
//! (traits) through which it reaches storage, time, ids, password hashing,
//! tokens, event delivery and presence. It depends on no infrastructure:
//! adapters implement the ports, and a program wires them together once.
//!
//! ## Embedding
//!
//! Wire the core to the in-memory adapters of `chat-memory`, create a
//! server, send a message and read the history back:
//!
//! ```
//! use std::sync::Arc;
//! use chat_core::{Chat, Deps, SystemClock, UuidV7Generator};
//! use chat_core::auth::SignupRequest;
//! use chat_core::messages::MessageContent;
//! use chat_core::servers::ServerName;
//! use chat_core::users::{Password, Username};
//! use chat_memory::{FakeMfaCrypto, FastHasher, InsecureTestTokens, MemoryEvents, MemoryPresence, MemoryStore};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), chat_core::Error> {
//! let chat = Chat::new(Deps {
//!     store: Arc::new(MemoryStore::default()),
//!     clock: Arc::new(SystemClock),
//!     ids: Arc::new(UuidV7Generator),
//!     hasher: Arc::new(FastHasher),
//!     tokens: Arc::new(InsecureTestTokens),
//!     events: Arc::new(MemoryEvents::default()),
//!     presence: Arc::new(MemoryPresence::default()),
//!     mfa: Arc::new(FakeMfaCrypto::default()),
//! });
//!
//! let alice = chat
//!     .signup(SignupRequest {
//!         username: Username::parse("alice")?,
//!         password: Password::parse("correct horse battery")?,
//!         display_name: None,
//!     })
//!     .await?;
//! let actor = chat.authenticate(&alice.access.token).await?;
//!
//! let server = chat.create_server(&actor, ServerName::parse("Rustaceans")?, None).await?;
//! let general = server.channels[0].id;
//! chat.send_message(&actor, general, MessageContent::parse("hello, world 👋")?, None).await?;
//!
//! let history = chat.history(&actor, general, None, None).await?;
//! assert_eq!(history[0].message.content.as_str(), "hello, world 👋");
//! # Ok(())
//! # }
//! ```
//!
//! ## Map
//! - [`Chat`] holds the ports ([`Deps`]); each area module adds its use
//!   cases to it: [`auth`], [`users`], [`servers`], [`members`],
//!   [`invites`], [`moderation`], [`channels`], [`messages`], [`reads`], [`audit`].
//! - [`limits`] are the throttles and quotas ([`Chat::with_limits`]).
//! - [`policy`] decides who may do what; [`role`] orders the roles.
//! - [`Store`] is the storage port, one trait per area; the `testkit`
//!   feature ships the conformance suite every store adapter runs.
//! - [`events`] are what use cases publish; [`presence`] is live state.
//! - [`cluster`]: the ports several instances share (event bus, health).
#![deny(missing_docs)]

pub mod account;
pub mod attachments;
pub mod audit;
pub mod auth;
pub mod challenge;
pub mod channels;
mod chat;
pub mod cluster;
pub mod direct;
pub mod error;
pub mod events;
pub mod ids;
pub mod invites;
pub mod limits;
pub mod members;
pub mod messages;
pub mod moderation;
pub mod pictures;
pub mod policy;
pub mod presence;
pub mod reads;
pub mod role;
pub mod search;
pub mod servers;
mod store;
mod text;
pub mod time;
pub mod transfer;
pub mod users;

#[cfg(feature = "testkit")]
pub mod testkit;

pub use chat::{Chat, Deps};
pub use error::{Conflict, Error, Result, StoreError, StoreResult, ValidationError};
pub use ids::{IdGenerator, UuidV7Generator};
pub use store::Store;
pub use time::{Clock, SystemClock, Timestamp};
