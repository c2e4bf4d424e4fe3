//! `/auth/*`: sign up, log in (both throttled per client by the core),
//! refresh, log out. Every answer carrying tokens says `Cache-Control: no-store`.

use std::net::IpAddr;

use chat_core::auth::{Actor, Credentials, SignupRequest};
use chat_core::limits::ClientKey;
use chat_core::users::{DisplayName, Password, Username};
use chat_wire::AuthDto;
use serde::de::IgnoredAny;
use serde::Deserialize;
use warp::filters::BoxedFilter;
use warp::{Filter, Reply};

use crate::context::{any_of, created, finish, no_content, ok, parse_opt, Ctx, Outcome};
use crate::extract::{json_body, optional_json_body, present};

#[derive(Deserialize)]
struct SignupBody {
    username: String,
    password: String,
    #[serde(default, deserialize_with = "present")]
    display_name: Option<String>,
}

#[derive(Deserialize)]
struct LoginBody {
    username: String,
    password: String,
}

#[derive(Deserialize)]
struct RefreshBody {
    refresh_token: String,
}

pub(super) fn routes(ctx: &Ctx) -> BoxedFilter<(Box<dyn Reply>,)> {
    let signup = warp::path!("auth" / "signup")
        .and(warp::post())
        .and(ctx.with())
        .and(ctx.client_ip())
        .and(json_body())
        .then(signup)
        .map(finish);
    let login = warp::path!("auth" / "login")
        .and(warp::post())
        .and(ctx.with())
        .and(ctx.client_ip())
        .and(json_body())
        .then(login)
        .map(finish);
    let refresh = warp::path!("auth" / "refresh")
        .and(warp::post())
        .and(ctx.with())
        .and(json_body())
        .then(refresh)
        .map(finish);
    let logout = warp::path!("auth" / "logout")
        .and(warp::post())
        .and(ctx.authed())
        .and(optional_json_body::<IgnoredAny>())
        .then(logout)
        .map(finish);
    any_of(vec![
        signup.boxed(),
        login.boxed(),
        refresh.boxed(),
        logout.boxed(),
    ])
    .map(no_store)
    .boxed()
}

/// Tokens must not stay in any cache (RFC 6749 §5.1).
fn no_store(reply: Box<dyn Reply>) -> Box<dyn Reply> {
    Box::new(warp::reply::with_header(reply, "cache-control", "no-store"))
}

async fn signup(ctx: Ctx, ip: IpAddr, body: SignupBody) -> Outcome {
    let request = SignupRequest {
        username: Username::parse(&body.username)?,
        password: Password::parse(&body.password)?,
        display_name: parse_opt(body.display_name.as_deref(), DisplayName::parse)?,
    };
    let tokens = ctx.chat.signup_from(&ClientKey::of(ip), request).await?;
    created(&AuthDto::from(&tokens))
}

async fn login(ctx: Ctx, ip: IpAddr, body: LoginBody) -> Outcome {
    let credentials = Credentials {
        username: body.username,
        password: Password::for_login(&body.password),
    };
    let tokens = ctx.chat.login_from(&ClientKey::of(ip), credentials).await?;
    ok(&AuthDto::from(&tokens))
}

async fn refresh(ctx: Ctx, body: RefreshBody) -> Outcome {
    let tokens = ctx.chat.refresh(&body.refresh_token).await?;
    ok(&AuthDto::from(&tokens))
}

async fn logout(ctx: Ctx, actor: Actor, _body: IgnoredAny) -> Outcome {
    ctx.chat.logout(&actor).await?;
    no_content()
}
