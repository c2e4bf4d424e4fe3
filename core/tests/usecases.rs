//! Use-case tests: every rule of API.md and SPEC.md, on the in-memory
//! adapters with a fake clock, sequential ids and a fast hasher. No HTTP,
//! no database. One module per area, mirroring `core/src`.

#[path = "usecases/common.rs"]
mod common;

#[path = "usecases/account.rs"]
mod account;
#[path = "usecases/admin.rs"]
mod admin;
#[path = "usecases/audit.rs"]
mod audit;
#[path = "usecases/auth.rs"]
mod auth;
#[path = "usecases/channels.rs"]
mod channels;
#[path = "usecases/invites.rs"]
mod invites;
#[path = "usecases/limits.rs"]
mod limits;
#[path = "usecases/members.rs"]
mod members;
#[path = "usecases/messages.rs"]
mod messages;
#[path = "usecases/messaging.rs"]
mod messaging;
#[path = "usecases/moderation.rs"]
mod moderation;
#[path = "usecases/reads.rs"]
mod reads;
#[path = "usecases/servers.rs"]
mod servers;
#[path = "usecases/slowmode.rs"]
mod slowmode;
#[path = "usecases/timeouts.rs"]
mod timeouts;
#[path = "usecases/users.rs"]
mod users;
