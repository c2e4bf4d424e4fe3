//! Account security under `/me`: two-factor sign-in, password change, and
//! the caller's sessions. (The login's second step is `/auth/mfa`, in
//! auth.rs.)

use chat_core::account::PasswordChange;
use chat_core::auth::Actor;
use chat_core::ids::SessionId;
use chat_core::users::Password;
use chat_core::ValidationError;
use chat_wire::{MfaStatusDto, RecoveryCodesDto, SessionDto, TotpSetupDto};
use serde::Deserialize;
use warp::filters::BoxedFilter;
use warp::{Filter, Reply};

use crate::context::{any_of, finish, no_content, ok, Ctx, Outcome};
use crate::error::ApiError;
use crate::extract::{optional_json_body, path_id, present};

/// Every body of these routes: each route reads the fields it needs, and a
/// missing one is 422 on that field (like a wrong one), not 400.
#[derive(Deserialize, Default)]
struct Body {
    #[serde(default, deserialize_with = "present")]
    password: Option<String>,
    #[serde(default, deserialize_with = "present")]
    code: Option<String>,
    #[serde(default, deserialize_with = "present")]
    current_password: Option<String>,
    #[serde(default, deserialize_with = "present")]
    new_password: Option<String>,
}

fn required(value: Option<String>, field: &'static str) -> Result<String, ApiError> {
    value.ok_or_else(|| ValidationError::new(field, "is required").into())
}

fn password(value: Option<String>, field: &'static str) -> Result<Password, ApiError> {
    Ok(Password::for_login(&required(value, field)?))
}

pub(super) fn routes(ctx: &Ctx) -> BoxedFilter<(Box<dyn Reply>,)> {
    let post_body = |path: BoxedFilter<()>| {
        path.and(warp::post())
            .and(ctx.authed())
            .and(optional_json_body::<Body>())
    };
    let status = warp::path!("me" / "mfa")
        .and(warp::get())
        .and(ctx.authed())
        .then(mfa_status)
        .map(finish);
    let setup = post_body(warp::path!("me" / "mfa" / "totp" / "setup").boxed())
        .then(setup_totp)
        .map(finish);
    let enable = post_body(warp::path!("me" / "mfa" / "totp" / "enable").boxed())
        .then(enable_totp)
        .map(finish);
    let disable = post_body(warp::path!("me" / "mfa" / "disable").boxed())
        .then(disable_mfa)
        .map(finish);
    let codes = post_body(warp::path!("me" / "mfa" / "recovery-codes").boxed())
        .then(recovery_codes)
        .map(finish);
    let change_password = warp::path!("me" / "password")
        .and(warp::put())
        .and(ctx.authed())
        .and(optional_json_body::<Body>())
        .then(change_password)
        .map(finish);
    let sessions = warp::path!("me" / "sessions");
    let list = sessions
        .and(warp::get())
        .and(ctx.authed())
        .then(list_sessions)
        .map(finish);
    let end_others = sessions
        .and(warp::delete())
        .and(ctx.authed())
        .then(end_other_sessions)
        .map(finish);
    let end_one = warp::path!("me" / "sessions" / String)
        .and(warp::delete())
        .and(ctx.authed())
        .then(end_session)
        .map(finish);
    any_of(vec![
        status.boxed(),
        setup.boxed(),
        enable.boxed(),
        disable.boxed(),
        codes.boxed(),
        change_password.boxed(),
        list.boxed(),
        end_others.boxed(),
        end_one.boxed(),
    ])
}

async fn mfa_status(ctx: Ctx, actor: Actor) -> Outcome {
    ok(&MfaStatusDto::from(ctx.chat.mfa_status(&actor).await?))
}

async fn setup_totp(ctx: Ctx, actor: Actor, body: Body) -> Outcome {
    let password = password(body.password, "password")?;
    let setup = ctx.chat.setup_totp(&actor, &password).await?;
    ok(&TotpSetupDto::from(&setup))
}

async fn enable_totp(ctx: Ctx, actor: Actor, body: Body) -> Outcome {
    let code = required(body.code, "code")?;
    let codes = ctx.chat.enable_totp(&actor, &code).await?;
    ok(&RecoveryCodesDto::from(&codes))
}

async fn disable_mfa(ctx: Ctx, actor: Actor, body: Body) -> Outcome {
    let password = password(body.password, "password")?;
    let code = required(body.code, "code")?;
    ctx.chat.disable_mfa(&actor, &password, &code).await?;
    no_content()
}

async fn recovery_codes(ctx: Ctx, actor: Actor, body: Body) -> Outcome {
    let password = password(body.password, "password")?;
    let code = required(body.code, "code")?;
    let codes = ctx
        .chat
        .regenerate_recovery_codes(&actor, &password, &code)
        .await?;
    ok(&RecoveryCodesDto::from(&codes))
}

async fn change_password(ctx: Ctx, actor: Actor, body: Body) -> Outcome {
    let change = PasswordChange {
        current_password: password(body.current_password, "current_password")?,
        new_password: required(body.new_password, "new_password")?,
    };
    ctx.chat.change_password(&actor, change).await?;
    no_content()
}

async fn list_sessions(ctx: Ctx, actor: Actor) -> Outcome {
    let sessions = ctx.chat.sessions(&actor).await?;
    ok(&sessions.iter().map(SessionDto::from).collect::<Vec<_>>())
}

async fn end_session(id: String, ctx: Ctx, actor: Actor) -> Outcome {
    let id = path_id(&id, "session", SessionId::parse)?;
    ctx.chat.end_session(&actor, id).await?;
    no_content()
}

async fn end_other_sessions(ctx: Ctx, actor: Actor) -> Outcome {
    ctx.chat.end_other_sessions(&actor).await?;
    no_content()
}
