//! Every REST route, one module per area (mirroring chat-core), and the
//! route table that the OpenAPI document is checked against.
//!
//! Each route matches its PATH first and its method second: an unknown
//! path then never meets a method filter, so it answers 404 and only a
//! known path with another method answers 405.

mod account;
mod attachments;
mod audit;
mod auth;
mod channels;
mod direct;
mod export;
mod invites;
mod members;
mod messages;
mod moderation;
mod pictures;
mod pins;
mod reactions;
mod reads;
mod search;
mod servers;
mod system;
mod timeouts;
mod users;

use warp::filters::BoxedFilter;
use warp::Reply;

use crate::context::{any_of, Ctx};

/// Every route of the API as `(method, path template)`, in the spelling of
/// the OpenAPI document. Tests check that this table, the document and the
/// real filter agree.
pub const ROUTES: &[(&str, &str)] = &[
    ("POST", "/auth/signup"),
    ("GET", "/auth/signup-challenge"),
    ("POST", "/auth/login"),
    ("POST", "/auth/refresh"),
    ("POST", "/auth/logout"),
    ("POST", "/auth/mfa"),
    ("GET", "/me"),
    ("PATCH", "/me"),
    ("DELETE", "/me"),
    ("GET", "/me/mfa"),
    ("POST", "/me/mfa/totp/setup"),
    ("POST", "/me/mfa/totp/enable"),
    ("POST", "/me/mfa/disable"),
    ("POST", "/me/mfa/recovery-codes"),
    ("PUT", "/me/password"),
    ("GET", "/me/sessions"),
    ("DELETE", "/me/sessions"),
    ("DELETE", "/me/sessions/{id}"),
    ("GET", "/me/export"),
    ("GET", "/users/{id}"),
    ("POST", "/servers"),
    ("GET", "/servers"),
    ("GET", "/servers/{id}"),
    ("GET", "/server/{id}"),
    ("PUT", "/servers/{id}"),
    ("DELETE", "/servers/{id}"),
    ("POST", "/servers/{id}/transfer-ownership"),
    ("POST", "/servers/{id}/invites"),
    ("GET", "/servers/{id}/invites"),
    ("DELETE", "/invites/{code}"),
    ("GET", "/invites/{code}"),
    ("POST", "/invites/{code}/join"),
    ("POST", "/servers/{id}/join"),
    ("DELETE", "/servers/{id}/leave"),
    ("GET", "/servers/{id}/members"),
    ("PUT", "/servers/{id}/members/{user_id}"),
    ("DELETE", "/servers/{id}/members/{user_id}"),
    ("POST", "/servers/{id}/bans"),
    ("GET", "/servers/{id}/bans"),
    ("DELETE", "/servers/{id}/bans/{user_id}"),
    ("PUT", "/servers/{id}/members/{user_id}/timeout"),
    ("DELETE", "/servers/{id}/members/{user_id}/timeout"),
    ("GET", "/servers/{id}/audit-log"),
    ("POST", "/servers/{id}/channels"),
    ("GET", "/servers/{id}/channels"),
    ("GET", "/channels/{id}"),
    ("PUT", "/channels/{id}"),
    ("DELETE", "/channels/{id}"),
    ("POST", "/channels/{id}/messages"),
    ("GET", "/channels/{id}/messages"),
    ("PATCH", "/messages/{id}"),
    ("DELETE", "/messages/{id}"),
    ("PUT", "/channels/{id}/read"),
    ("GET", "/me/read-states"),
    ("PUT", "/servers/{id}/notifications"),
    ("PUT", "/channels/{id}/notifications"),
    ("GET", "/me/notification-settings"),
    ("PUT", "/messages/{id}/reactions/{emoji}"),
    ("DELETE", "/messages/{id}/reactions/{emoji}"),
    ("GET", "/messages/{id}/reactions/{emoji}"),
    ("DELETE", "/messages/{id}/reactions"),
    ("GET", "/channels/{id}/pins"),
    ("PUT", "/channels/{id}/pins/{message_id}"),
    ("DELETE", "/channels/{id}/pins/{message_id}"),
    // direct messages
    ("POST", "/me/channels"),
    ("GET", "/me/channels"),
    ("PUT", "/channels/{id}/recipients/{user_id}"),
    ("DELETE", "/channels/{id}/recipients/{user_id}"),
    ("GET", "/me/blocks"),
    ("PUT", "/me/blocks/{user_id}"),
    ("DELETE", "/me/blocks/{user_id}"),
    // end direct messages
    ("POST", "/channels/{id}/attachments"),
    ("GET", "/attachments/{id}/{filename}"),
    // avatars and server icons
    ("PUT", "/me/avatar"),
    ("DELETE", "/me/avatar"),
    ("PUT", "/servers/{id}/icon"),
    ("DELETE", "/servers/{id}/icon"),
    ("GET", "/avatars/{user_id}/{file}"),
    ("GET", "/icons/{id}/{file}"),
    // end avatars and server icons
    ("GET", "/servers/{id}/messages/search"),
    ("GET", "/me/channels/search"),
    ("GET", "/healthz"),
    ("GET", "/openapi.json"),
];

/// All the routes of the API as one filter. Routes are tried in order and
/// a miss costs only a path comparison; the hot paths (messages, then
/// channels) go first.
pub(crate) fn all(ctx: &Ctx) -> BoxedFilter<(Box<dyn Reply>,)> {
    any_of(vec![
        messages::routes(ctx),
        attachments::routes(ctx),
        pictures::routes(ctx),
        search::routes(ctx),
        reactions::routes(ctx),
        pins::routes(ctx),
        channels::routes(ctx),
        direct::routes(ctx),
        reads::routes(ctx),
        servers::routes(ctx),
        members::routes(ctx),
        moderation::routes(ctx),
        timeouts::routes(ctx),
        audit::routes(ctx),
        invites::routes(ctx),
        users::routes(ctx),
        account::routes(ctx),
        export::routes(ctx),
        auth::routes(ctx),
        system::routes(ctx),
    ])
}
