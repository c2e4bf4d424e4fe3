//! `/me`: the caller's own account; `/users/{id}`: a profile card.

use chat_core::auth::Actor;
use chat_core::direct::DmPolicy;
use chat_core::ids::UserId;
use chat_core::presence::Status;
use chat_core::users::{Bio, CustomStatus, DisplayName, ProfileChanges};
use chat_wire::{ProfileDto, UserDto};
use serde::Deserialize;
use warp::filters::BoxedFilter;
use warp::{Filter, Reply};

use crate::context::{any_of, finish, no_content, ok, parse_opt, Ctx, Outcome};
use crate::extract::{optional_json_body, path_id, present};

/// `PATCH /me`; `status` is an extension of API.md (online, away, dnd,
/// invisible), the same as the socket's `presence.set`; so is
/// `custom_status` (text up to 128 characters; `null` or `""` clears it).
#[derive(Deserialize, Default)]
struct PatchMeBody {
    #[serde(default, deserialize_with = "present")]
    display_name: Option<String>,
    #[serde(default, deserialize_with = "present")]
    bio: Option<String>,
    #[serde(default, deserialize_with = "present")]
    status: Option<String>,
    /// Present as `null` reads as `Some(None)` (clear it).
    #[serde(default, deserialize_with = "present")]
    custom_status: Option<Option<String>>,
    /// Who may open a DM with me: everyone, server_members (default), nobody.
    #[serde(default, deserialize_with = "present")]
    dm_policy: Option<String>,
}

/// `GET /me`, `PATCH /me`: the user plus settings only they see.
#[derive(serde::Serialize)]
struct MeDto {
    #[serde(flatten)]
    user: UserDto,
    dm_policy: &'static str,
}

pub(super) async fn me_dto(ctx: &Ctx, actor: &Actor, view: &chat_core::users::UserView) -> Outcome {
    let dm_policy = ctx.chat.dm_policy(actor).await?.as_str();
    ok(&MeDto {
        user: UserDto::from(view),
        dm_policy,
    })
}

pub(super) fn routes(ctx: &Ctx) -> BoxedFilter<(Box<dyn Reply>,)> {
    let me = warp::path!("me");
    let get = me
        .and(warp::get())
        .and(ctx.authed())
        .then(get_me)
        .map(finish);
    let patch = me
        .and(warp::patch())
        .and(ctx.authed())
        .and(optional_json_body())
        .then(patch_me)
        .map(finish);
    let delete = me
        .and(warp::delete())
        .and(ctx.authed())
        .and(optional_json_body())
        .then(delete_me)
        .map(finish);
    let profile = warp::path!("users" / String)
        .and(warp::get())
        .and(ctx.authed())
        .then(get_user)
        .map(finish);
    any_of(vec![
        get.boxed(),
        patch.boxed(),
        delete.boxed(),
        profile.boxed(),
    ])
}

/// `GET /users/{id}`: 404 unless the caller shares a server with them.
async fn get_user(id: String, ctx: Ctx, actor: Actor) -> Outcome {
    let id = path_id(&id, "user", UserId::parse)?;
    ok(&ProfileDto::from(&ctx.chat.user_profile(&actor, id).await?))
}

async fn get_me(ctx: Ctx, actor: Actor) -> Outcome {
    let view = ctx.chat.me(&actor).await?;
    me_dto(&ctx, &actor, &view).await
}

async fn patch_me(ctx: Ctx, actor: Actor, body: PatchMeBody) -> Outcome {
    let changes = ProfileChanges {
        display_name: parse_opt(body.display_name.as_deref(), DisplayName::parse)?,
        bio: parse_opt(body.bio.as_deref(), Bio::parse)?,
    };
    let status = parse_opt(body.status.as_deref(), Status::parse)?;
    let dm_policy = parse_opt(body.dm_policy.as_deref(), DmPolicy::parse)?;
    let custom_status = match &body.custom_status {
        Some(text) => Some(CustomStatus::parse_optional(text.as_deref().unwrap_or(""))?),
        None => None,
    };
    if let Some(policy) = dm_policy {
        ctx.chat.set_dm_policy(&actor, policy).await?;
    }
    let mut view = None;
    if changes.display_name.is_some() || changes.bio.is_some() {
        view = Some(ctx.chat.update_profile(&actor, changes).await?);
    }
    if let Some(status) = status {
        view = Some(ctx.chat.set_status(actor.user_id, status).await?);
    }
    if let Some(custom_status) = custom_status {
        view = Some(ctx.chat.set_custom_status(&actor, custom_status).await?);
    }
    let view = match view {
        Some(v) => v,
        None => ctx.chat.me(&actor).await?,
    };
    me_dto(&ctx, &actor, &view).await
}

/// `DELETE /me {password}`: a missing password is 422 like a wrong one.
#[derive(Deserialize, Default)]
struct DeleteMeBody {
    #[serde(default, deserialize_with = "present")]
    password: Option<String>,
}

async fn delete_me(ctx: Ctx, actor: Actor, body: DeleteMeBody) -> Outcome {
    let password = body
        .password
        .ok_or_else(|| chat_core::ValidationError::new("password", "is required"))?;
    let password = chat_core::users::Password::for_login(&password);
    ctx.chat.delete_account(&actor, &password).await?;
    no_content()
}
