//! `/auth/*`: sign up (with the optional proof-of-work challenge of
//! `/auth/signup-challenge`), log in (throttled per client by the core,
//! with its second step `/auth/mfa`), refresh, log out. Every answer carrying tokens
//! says `Cache-Control: no-store`.

use std::net::IpAddr;

use chat_core::account::LoginProof;
use chat_core::auth::{Actor, ClientInfo, Credentials, LoginOutcome, SignupRequest};
use chat_core::challenge::Solution;
use chat_core::limits::ClientKey;
use chat_core::users::{DisplayName, Password, Username};
use chat_core::ValidationError;
use chat_wire::{AuthDto, ChallengeSolutionDto, MfaRequiredDto, SignupChallengeDto};
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
    /// The solved sign-up challenge (ALTCHA's payload: base64 of JSON),
    /// needed only with `--signup-challenge on`.
    #[serde(default, deserialize_with = "present")]
    altcha: Option<String>,
}

#[derive(Deserialize)]
struct LoginBody {
    username: String,
    password: String,
}

/// `POST /auth/mfa`: the ticket of the first step and one of the codes.
#[derive(Deserialize)]
struct MfaBody {
    ticket: String,
    #[serde(default, deserialize_with = "present")]
    code: Option<String>,
    #[serde(default, deserialize_with = "present")]
    recovery_code: Option<String>,
}

#[derive(Deserialize)]
struct RefreshBody {
    refresh_token: String,
}

pub(super) fn routes(ctx: &Ctx) -> BoxedFilter<(Box<dyn Reply>,)> {
    let signup = warp::path!("auth" / "signup")
        .and(warp::post())
        .and(ctx.with())
        .and(client(ctx))
        .and(json_body())
        .then(signup)
        .map(finish);
    let challenge = warp::path!("auth" / "signup-challenge")
        .and(warp::get())
        .and(ctx.with())
        .then(signup_challenge)
        .map(finish);
    let login = warp::path!("auth" / "login")
        .and(warp::post())
        .and(ctx.with())
        .and(client(ctx))
        .and(json_body())
        .then(login)
        .map(finish);
    let mfa = warp::path!("auth" / "mfa")
        .and(warp::post())
        .and(ctx.with())
        .and(client(ctx))
        .and(json_body())
        .then(login_mfa)
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
        challenge.boxed(),
        login.boxed(),
        mfa.boxed(),
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

async fn signup(ctx: Ctx, (ip, client): (IpAddr, ClientInfo), body: SignupBody) -> Outcome {
    let request = SignupRequest {
        username: Username::parse(&body.username)?,
        password: Password::parse(&body.password)?,
        display_name: parse_opt(body.display_name.as_deref(), DisplayName::parse)?,
    };
    // With the challenge off, a stray `altcha` is ignored (sign-up as before).
    let solution = match body.altcha.as_deref() {
        Some(text) if ctx.chat.signup_challenge_on() => Some(solution_of(text)?),
        _ => None,
    };
    let tokens = ctx
        .chat
        .signup_solved(&ClientKey::of(ip), request, client, solution.as_ref())
        .await?;
    created(&AuthDto::from(&tokens))
}

/// ALTCHA's payload: base64 (standard, padding optional) of the JSON
/// `{algorithm, challenge, number, salt, signature}`.
fn solution_of(text: &str) -> Result<Solution, ValidationError> {
    use base64::Engine as _;
    let malformed = || {
        ValidationError::new(
            chat_core::challenge::FIELD,
            "must be base64 of {algorithm, challenge, number, salt, signature}",
        )
    };
    let engine = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
    );
    let bytes = engine.decode(text.trim()).map_err(|_| malformed())?;
    let dto: ChallengeSolutionDto = serde_json::from_slice(&bytes).map_err(|_| malformed())?;
    Ok(dto.into())
}

/// `GET /auth/signup-challenge`: a challenge to solve before signing up;
/// 204 when the server asks none.
async fn signup_challenge(ctx: Ctx) -> Outcome {
    match ctx.chat.signup_challenge() {
        Some(challenge) => ok(&SignupChallengeDto::from(&challenge)),
        None => no_content(),
    }
}

async fn login(ctx: Ctx, (ip, client): (IpAddr, ClientInfo), body: LoginBody) -> Outcome {
    let credentials = Credentials {
        username: body.username,
        password: Password::for_login(&body.password),
    };
    let outcome = ctx
        .chat
        .login_from(&ClientKey::of(ip), credentials, client)
        .await?;
    match outcome {
        LoginOutcome::Tokens(tokens) => ok(&AuthDto::from(&tokens)),
        LoginOutcome::MfaRequired { ticket } => ok(&MfaRequiredDto {
            mfa_required: true,
            ticket,
        }),
    }
}

async fn login_mfa(ctx: Ctx, (ip, client): (IpAddr, ClientInfo), body: MfaBody) -> Outcome {
    let proof = match (body.code, body.recovery_code) {
        (Some(code), None) => LoginProof::Code(code),
        (None, Some(code)) => LoginProof::RecoveryCode(code),
        _ => {
            let message = "send exactly one of `code` and `recovery_code`";
            return Err(ValidationError::new("code", message).into());
        }
    };
    let key = ClientKey::of(ip);
    let tokens = ctx
        .chat
        .complete_mfa_from(&key, &body.ticket, proof, client)
        .await?;
    ok(&AuthDto::from(&tokens))
}

/// The client's address and what its session will show of it.
fn client(
    ctx: &Ctx,
) -> impl Filter<Extract = ((IpAddr, ClientInfo),), Error = std::convert::Infallible> + Clone {
    ctx.client_ip().and(warp::header::headers_cloned()).map(
        |ip: IpAddr, headers: warp::http::HeaderMap| {
            // A user agent that is not text is simply not shown.
            let user_agent = headers
                .get(warp::http::header::USER_AGENT)
                .and_then(|v| v.to_str().ok());
            (ip, ClientInfo::new(user_agent, Some(ip_hint(ip))))
        },
    )
}

/// A coarse hint of an address: its IPv4 /24 or IPv6 /48 network (an
/// IPv4-mapped IPv6 address counts as IPv4), never the full address.
fn ip_hint(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, c, _] = v4.octets();
            format!("{a}.{b}.{c}.0/24")
        }
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => ip_hint(IpAddr::V4(v4)),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}::/48", s[0], s[1], s[2])
            }
        },
    }
}

async fn refresh(ctx: Ctx, body: RefreshBody) -> Outcome {
    let tokens = ctx.chat.refresh(&body.refresh_token).await?;
    ok(&AuthDto::from(&tokens))
}

async fn logout(ctx: Ctx, actor: Actor, _body: IgnoredAny) -> Outcome {
    ctx.chat.logout(&actor).await?;
    no_content()
}

#[cfg(test)]
mod tests {
    use super::ip_hint;

    #[test]
    fn ip_hints_keep_only_the_network() {
        assert_eq!(ip_hint("203.0.113.77".parse().unwrap()), "203.0.113.0/24");
        assert_eq!(
            ip_hint("2001:db8:abcd:12::1".parse().unwrap()),
            "2001:db8:abcd::/48"
        );
        assert_eq!(ip_hint("::ffff:10.1.2.3".parse().unwrap()), "10.1.2.0/24");
    }
}
