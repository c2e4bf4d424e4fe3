//! Avatars and server icons: the multipart uploads (`PUT /me/avatar`,
//! `PUT /servers/{id}/icon`), their removal, and the public downloads
//! (`GET /avatars/{user_id}/{key}.png`, `GET /icons/{server_id}/{key}.png`).
//!
//! The downloads need no token (like Discord's CDN): the key is random and
//! changes with every upload, so a URL is known only to those who were
//! shown it, and its bytes never change — hence `immutable` caching.

use bytes::Bytes;
use chat_core::attachments::BlobError;
use chat_core::auth::Actor;
use chat_core::ids::{ServerId, UserId};
use chat_core::pictures::PictureOf;
use chat_wire::ServerDto;
use futures::{Stream, StreamExt};
use warp::filters::BoxedFilter;
use warp::http::{header, HeaderMap, Response, StatusCode};
use warp::{Buf, Filter, Reply};

use super::attachments::{before_body, declared_length, file_part};
use super::servers::server_id;
use super::users::me_dto;
use crate::context::{any_of, finish, ok, Ctx, Outcome};
use crate::error::ApiError;
use crate::extract::path_id;

pub(super) fn routes(ctx: &Ctx) -> BoxedFilter<(Box<dyn Reply>,)> {
    let avatar = warp::path!("me" / "avatar");
    let put_avatar = avatar
        .and(warp::put())
        .and(ctx.authed())
        .and(warp::header::headers_cloned())
        .and(warp::body::stream())
        .then(put_avatar)
        .map(finish);
    let delete_avatar = avatar
        .and(warp::delete())
        .and(ctx.authed())
        .then(delete_avatar)
        .map(finish);
    let icon = warp::path!("servers" / String / "icon");
    let put_icon = icon
        .and(warp::put())
        .and(ctx.authed())
        .and(warp::header::headers_cloned())
        .and(warp::body::stream())
        .then(put_icon)
        .map(finish);
    let delete_icon = icon
        .and(warp::delete())
        .and(ctx.authed())
        .then(delete_icon)
        .map(finish);
    let get_avatar = warp::path!("avatars" / String / String)
        .and(warp::get())
        .and(ctx.with())
        .then(|user: String, file: String, ctx: Ctx| async move {
            let id = path_id(&user, "user", UserId::parse)?;
            download(ctx, PictureOf::User(id), &file).await
        })
        .map(finish);
    let get_icon = warp::path!("icons" / String / String)
        .and(warp::get())
        .and(ctx.with())
        .then(|server: String, file: String, ctx: Ctx| async move {
            let id = path_id(&server, "server", ServerId::parse)?;
            download(ctx, PictureOf::Server(id), &file).await
        })
        .map(finish);
    any_of(vec![
        put_avatar.boxed(),
        delete_avatar.boxed(),
        put_icon.boxed(),
        delete_icon.boxed(),
        get_avatar.boxed(),
        get_icon.boxed(),
    ])
}

/// `PUT /me/avatar`: 200 with the caller's user object.
async fn put_avatar<S, B>(ctx: Ctx, actor: Actor, headers: HeaderMap, body: S) -> Outcome
where
    S: Stream<Item = Result<B, warp::Error>> + Send + 'static,
    B: Buf + Send + 'static,
{
    let of = PictureOf::User(actor.user_id);
    let checks = ctx
        .chat
        .prepare_picture(&actor, of, declared_length(&headers));
    let (upload, body) = before_body(&headers, body, checks).await?;
    let (_, file) = file_part(&headers, body).await?;
    let view = ctx.chat.set_avatar(upload, file).await?;
    me_dto(&ctx, &actor, &view).await
}

/// `DELETE /me/avatar`: 200 with the caller's user object.
async fn delete_avatar(ctx: Ctx, actor: Actor) -> Outcome {
    let view = ctx.chat.clear_avatar(&actor).await?;
    me_dto(&ctx, &actor, &view).await
}

/// `PUT /servers/{id}/icon`: 200 with the server object.
async fn put_icon<S, B>(id: String, ctx: Ctx, actor: Actor, headers: HeaderMap, body: S) -> Outcome
where
    S: Stream<Item = Result<B, warp::Error>> + Send + 'static,
    B: Buf + Send + 'static,
{
    let of = PictureOf::Server(server_id(&id)?);
    let checks = ctx
        .chat
        .prepare_picture(&actor, of, declared_length(&headers));
    let (upload, body) = before_body(&headers, body, checks).await?;
    let (_, file) = file_part(&headers, body).await?;
    let details = ctx.chat.set_server_icon(&actor, upload, file).await?;
    ok(&ServerDto::from(&details))
}

/// `DELETE /servers/{id}/icon`: 200 with the server object.
async fn delete_icon(id: String, ctx: Ctx, actor: Actor) -> Outcome {
    let details = ctx.chat.clear_server_icon(&actor, server_id(&id)?).await?;
    ok(&ServerDto::from(&details))
}

/// The PNG of `{key}.png`, cacheable for a year; 404 for anything but
/// the current picture.
async fn download(ctx: Ctx, of: PictureOf, file: &str) -> Outcome {
    let key = file
        .strip_suffix(".png")
        .ok_or_else(|| ApiError::not_found("picture"))?;
    let (size, download) = ctx.chat.open_picture(of, key).await?;
    let body = hyper::Body::wrap_stream(
        download
            .body
            .map(|chunk: Result<Bytes, BlobError>| chunk.map_err(std::io::Error::other)),
    );
    Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, "image/png")
        .header(header::CONTENT_LENGTH, size)
        .header(header::CACHE_CONTROL, "public, max-age=31536000, immutable")
        .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
        .header(header::CONTENT_SECURITY_POLICY, "sandbox")
        .body(body)
        .map_err(ApiError::internal)
}
