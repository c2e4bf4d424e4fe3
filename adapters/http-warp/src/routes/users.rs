//! `/me`: the caller's own account.

use chat_core::auth::Actor;
use chat_core::presence::Status;
use chat_core::users::{Bio, DisplayName, ProfileChanges};
use chat_wire::UserDto;
use serde::Deserialize;
use warp::filters::BoxedFilter;
use warp::{Filter, Reply};

use crate::context::{any_of, finish, no_content, ok, parse_opt, Ctx, Outcome};
use crate::extract::{optional_json_body, present};

/// `PATCH /me`; `status` is an extension of API.md (online, away, dnd,
/// invisible), the same as the socket's `presence.set`.
#[derive(Deserialize, Default)]
struct PatchMeBody {
    #[serde(default, deserialize_with = "present")]
    display_name: Option<String>,
    #[serde(default, deserialize_with = "present")]
    bio: Option<String>,
    #[serde(default, deserialize_with = "present")]
    status: Option<String>,
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
        .then(delete_me)
        .map(finish);
    any_of(vec![get.boxed(), patch.boxed(), delete.boxed()])
}

async fn get_me(ctx: Ctx, actor: Actor) -> Outcome {
    ok(&UserDto::from(&ctx.chat.me(&actor).await?))
}

async fn patch_me(ctx: Ctx, actor: Actor, body: PatchMeBody) -> Outcome {
    let changes = ProfileChanges {
        display_name: parse_opt(body.display_name.as_deref(), DisplayName::parse)?,
        bio: parse_opt(body.bio.as_deref(), Bio::parse)?,
    };
    let status = parse_opt(body.status.as_deref(), Status::parse)?;
    let mut view = None;
    if changes.display_name.is_some() || changes.bio.is_some() {
        view = Some(ctx.chat.update_profile(&actor, changes).await?);
    }
    if let Some(status) = status {
        view = Some(ctx.chat.set_status(actor.user_id, status).await?);
    }
    let view = match view {
        Some(v) => v,
        None => ctx.chat.me(&actor).await?,
    };
    ok(&UserDto::from(&view))
}

async fn delete_me(ctx: Ctx, actor: Actor) -> Outcome {
    ctx.chat.delete_account(&actor).await?;
    no_content()
}
