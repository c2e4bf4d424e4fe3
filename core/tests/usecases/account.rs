//! Two-factor sign-in (setup, drift, replay, ticket expiry and attempts,
//! recovery codes), password change and the sessions list, on a fake clock.

use chat_core::account::{base32_decode, totp_step, LoginProof, MfaCrypto, PasswordChange};
use chat_core::auth::{Actor, AuthTokens, ClientInfo, LoginOutcome};
use chat_core::events::EventKind;
use chat_core::users::Password;
use chat_core::Error;
use chat_memory::FakeMfaCrypto;

use crate::common::{code, field, TestApp, PASSWORD};

fn pw(text: &str) -> Password {
    Password::for_login(text)
}

/// The code an authenticator app shows for `secret` (base32), `steps`
/// time steps away from the app's current time.
fn totp(app: &TestApp, secret: &str, steps: i64) -> String {
    let step = totp_step(app.clock_now()) + steps;
    let key = base32_decode(secret).unwrap();
    format!("{:06}", FakeMfaCrypto.hotp(&key, step as u64))
}

trait ClockNow {
    fn clock_now(&self) -> chat_core::Timestamp;
}

impl ClockNow for TestApp {
    fn clock_now(&self) -> chat_core::Timestamp {
        use chat_core::Clock;
        self.clock.now()
    }
}

/// Alice with two-factor sign-in on: her actor, secret and recovery codes.
async fn alice_with_mfa(app: &TestApp) -> (Actor, String, Vec<String>) {
    let alice = app.user("alice").await;
    let setup = app.chat.setup_totp(&alice, &pw(PASSWORD)).await.unwrap();
    let now = totp(app, &setup.secret, 0);
    let codes = app.chat.enable_totp(&alice, &now).await.unwrap();
    // The next code must come from a later step (the current one is spent).
    app.advance(30);
    (alice, setup.secret, codes.0)
}

async fn ticket(app: &TestApp) -> String {
    let outcome = app
        .chat
        .login_with(
            TestApp::credentials("alice", PASSWORD),
            ClientInfo::default(),
        )
        .await
        .unwrap();
    match outcome {
        LoginOutcome::MfaRequired { ticket } => ticket,
        LoginOutcome::Tokens(_) => panic!("expected a second step"),
    }
}

async fn second_step(app: &TestApp, ticket: &str, proof: LoginProof) -> Result<AuthTokens, Error> {
    app.chat
        .complete_mfa_login(ticket, proof, ClientInfo::default())
        .await
}

fn dead(r: Result<AuthTokens, Error>) -> bool {
    match r {
        Err(Error::InvalidCode { ticket_dead }) => ticket_dead,
        other => panic!("expected invalid_code, got {other:?}"),
    }
}

#[tokio::test]
async fn setup_needs_the_password_and_changes_nothing_until_confirmed() {
    let app = TestApp::new();
    let alice = app.user("alice").await;
    let wrong = app.chat.setup_totp(&alice, &pw("not my password")).await;
    assert_eq!(field(wrong), "password");
    let setup = app.chat.setup_totp(&alice, &pw(PASSWORD)).await.unwrap();
    assert_eq!(setup.secret.len(), 32, "160 bits in base32");
    assert_eq!(base32_decode(&setup.secret).unwrap().len(), 20);
    assert!(setup
        .otpauth_uri
        .starts_with("otpauth://totp/Chat:alice?secret="));
    assert!(setup.otpauth_uri.contains(&setup.secret));
    assert!(!app.chat.mfa_enabled(alice.user_id).await.unwrap());
    let login = app
        .chat
        .login(TestApp::credentials("alice", PASSWORD))
        .await;
    assert!(
        login.is_ok(),
        "login is unchanged until the setup is confirmed"
    );
}

#[tokio::test]
async fn enable_needs_a_current_code_and_returns_ten_single_use_recovery_codes() {
    let app = TestApp::new();
    let alice = app.user("alice").await;
    assert_eq!(
        code(app.chat.enable_totp(&alice, "123456").await),
        "conflict"
    );
    let setup = app.chat.setup_totp(&alice, &pw(PASSWORD)).await.unwrap();
    let wrong = totp(&app, &setup.secret, 5);
    assert_eq!(field(app.chat.enable_totp(&alice, &wrong).await), "code");
    assert_eq!(field(app.chat.enable_totp(&alice, "12ab").await), "code");
    let codes = app
        .chat
        .enable_totp(&alice, &totp(&app, &setup.secret, 0))
        .await
        .unwrap();
    assert_eq!(codes.0.len(), 10);
    assert!(app.chat.mfa_enabled(alice.user_id).await.unwrap());
    let again = app.chat.setup_totp(&alice, &pw(PASSWORD)).await;
    assert_eq!(code(again), "conflict");
}

#[tokio::test]
async fn login_with_mfa_needs_the_second_step_and_a_code_works_once() {
    let app = TestApp::new();
    let (_, secret, _) = alice_with_mfa(&app).await;
    let plain = app
        .chat
        .login(TestApp::credentials("alice", PASSWORD))
        .await;
    assert_eq!(code(plain), "unauthenticated");
    let t = ticket(&app).await;
    let now = totp(&app, &secret, 0);
    let tokens = second_step(&app, &t, LoginProof::Code(now.clone()))
        .await
        .unwrap();
    assert!(app.chat.authenticate(&tokens.access.token).await.is_ok());
    // The ticket is spent, and the code too (RFC 6238 §5.2).
    assert!(dead(
        second_step(&app, &t, LoginProof::Code(now.clone())).await
    ));
    let t2 = ticket(&app).await;
    assert!(!dead(second_step(&app, &t2, LoginProof::Code(now)).await));
    // Earlier codes of the window are refused too once a later one was used.
    let earlier = totp(&app, &secret, -1);
    assert!(!dead(
        second_step(&app, &t2, LoginProof::Code(earlier)).await
    ));
}

#[tokio::test]
async fn one_time_step_of_drift_is_accepted_either_way_but_not_two() {
    let app = TestApp::new();
    let (_, secret, _) = alice_with_mfa(&app).await;
    app.advance(60); // the step before now is then not the one spent at setup
    let t = ticket(&app).await;
    let too_early = totp(&app, &secret, -2);
    let too_late = totp(&app, &secret, 2);
    assert!(!dead(
        second_step(&app, &t, LoginProof::Code(too_early)).await
    ));
    assert!(!dead(
        second_step(&app, &t, LoginProof::Code(too_late)).await
    ));
    let behind = totp(&app, &secret, -1);
    assert!(second_step(&app, &t, LoginProof::Code(behind))
        .await
        .is_ok());
    app.advance(90);
    let t = ticket(&app).await;
    let ahead = totp(&app, &secret, 1);
    assert!(second_step(&app, &t, LoginProof::Code(ahead)).await.is_ok());
}

#[tokio::test]
async fn a_ticket_lives_five_minutes() {
    let app = TestApp::new();
    let (_, secret, _) = alice_with_mfa(&app).await;
    let t = ticket(&app).await;
    app.advance(301);
    let code_now = totp(&app, &secret, 0);
    assert!(dead(
        second_step(&app, &t, LoginProof::Code(code_now)).await
    ));
}

#[tokio::test]
async fn a_ticket_dies_after_five_wrong_codes() {
    let app = TestApp::new();
    let (_, secret, _) = alice_with_mfa(&app).await;
    let t = ticket(&app).await;
    let wrong = totp(&app, &secret, 10);
    for attempt in 1..=5 {
        let r = second_step(&app, &t, LoginProof::Code(wrong.clone())).await;
        assert_eq!(dead(r), attempt == 5, "attempt {attempt}");
    }
    let right = totp(&app, &secret, 0);
    assert!(dead(second_step(&app, &t, LoginProof::Code(right)).await));
    let unknown = second_step(&app, "no-such-ticket", LoginProof::Code("000000".into())).await;
    assert!(dead(unknown));
}

#[tokio::test]
async fn a_recovery_code_works_once() {
    let app = TestApp::new();
    let (_, _, codes) = alice_with_mfa(&app).await;
    let t = ticket(&app).await;
    let spaced = format!("{}-{}", &codes[3][..5], codes[3][5..].to_uppercase());
    let ok = second_step(&app, &t, LoginProof::RecoveryCode(spaced)).await;
    assert!(ok.is_ok(), "typed with a hyphen and in upper case: {ok:?}");
    let t = ticket(&app).await;
    let again = second_step(&app, &t, LoginProof::RecoveryCode(codes[3].clone())).await;
    assert!(!dead(again));
    // The `code` field takes a recovery code too.
    assert!(second_step(&app, &t, LoginProof::Code(codes[4].clone()))
        .await
        .is_ok());
}

#[tokio::test]
async fn disable_needs_the_password_and_a_code() {
    let app = TestApp::new();
    let (alice, secret, codes) = alice_with_mfa(&app).await;
    let now = totp(&app, &secret, 0);
    let r = app
        .chat
        .disable_mfa(&alice, &pw("wrong password"), &now)
        .await;
    assert_eq!(field(r), "password");
    let r = app.chat.disable_mfa(&alice, &pw(PASSWORD), "000000").await;
    assert_eq!(field(r), "code");
    assert!(app.chat.mfa_enabled(alice.user_id).await.unwrap());
    app.chat
        .disable_mfa(&alice, &pw(PASSWORD), &codes[0])
        .await
        .unwrap();
    assert!(!app.chat.mfa_enabled(alice.user_id).await.unwrap());
    let login = app
        .chat
        .login(TestApp::credentials("alice", PASSWORD))
        .await;
    assert!(login.is_ok());
    let r = app.chat.disable_mfa(&alice, &pw(PASSWORD), &now).await;
    assert_eq!(code(r), "conflict");
}

#[tokio::test]
async fn new_recovery_codes_replace_the_old_ones() {
    let app = TestApp::new();
    let (alice, secret, old) = alice_with_mfa(&app).await;
    let r = app
        .chat
        .regenerate_recovery_codes(&alice, &pw(PASSWORD), "999999")
        .await;
    assert_eq!(field(r), "code");
    let now = totp(&app, &secret, 0);
    let fresh = app
        .chat
        .regenerate_recovery_codes(&alice, &pw(PASSWORD), &now)
        .await
        .unwrap();
    assert_eq!(fresh.0.len(), 10);
    let t = ticket(&app).await;
    let r = second_step(&app, &t, LoginProof::RecoveryCode(old[1].clone())).await;
    assert!(!dead(r));
    let r = second_step(&app, &t, LoginProof::RecoveryCode(fresh.0[0].clone())).await;
    assert!(r.is_ok());
}

#[tokio::test]
async fn a_password_change_ends_every_other_session() {
    let app = TestApp::new();
    let alice = app.user("alice").await;
    let other = app
        .chat
        .login(TestApp::credentials("alice", PASSWORD))
        .await
        .unwrap();
    let change = |current: &str, new: &str| PasswordChange {
        current_password: pw(current),
        new_password: new.to_owned(),
    };
    let r = app
        .chat
        .change_password(&alice, change("wrong one", "a brand new password"))
        .await;
    assert_eq!(field(r), "password");
    let r = app
        .chat
        .change_password(&alice, change(PASSWORD, "short"))
        .await;
    assert_eq!(field(r), "new_password");
    assert!(app.chat.authenticate(&other.access.token).await.is_ok());
    app.take_events();
    app.chat
        .change_password(&alice, change(PASSWORD, "a brand new password"))
        .await
        .unwrap();
    assert_eq!(
        code(app.chat.authenticate(&other.access.token).await),
        "unauthenticated"
    );
    assert!(
        app.chat.me(&alice).await.is_ok(),
        "the current session lives"
    );
    let other_actor = other.access.token.split('.').nth(2).unwrap().to_owned();
    let revoked: Vec<String> = app
        .take_kinds()
        .into_iter()
        .filter_map(|k| match k {
            EventKind::SessionsRevoked {
                session_id: Some(id),
                ..
            } => Some(id.to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(revoked, vec![other_actor]);
    let old = app
        .chat
        .login(TestApp::credentials("alice", PASSWORD))
        .await;
    assert_eq!(code(old), "unauthenticated");
    let new = app
        .chat
        .login(TestApp::credentials("alice", "a brand new password"))
        .await;
    assert!(new.is_ok());
}

#[tokio::test]
async fn sessions_are_listed_and_can_be_ended() {
    let app = TestApp::new();
    let alice = app.user("alice").await;
    let bob = app.user("bob").await;
    app.advance(10);
    let phone = match app
        .chat
        .login_with(
            TestApp::credentials("alice", PASSWORD),
            ClientInfo::new(Some("  Phone UA  "), Some("203.0.113.0/24".into())),
        )
        .await
        .unwrap()
    {
        LoginOutcome::Tokens(t) => t,
        LoginOutcome::MfaRequired { .. } => panic!("no second step without mfa"),
    };
    let list = app.chat.sessions(&alice).await.unwrap();
    assert_eq!(list.len(), 2);
    assert!(list[0].current, "the current session comes first");
    assert_eq!(list[0].session.id, alice.session_id);
    assert_eq!(list[1].session.user_agent.as_deref(), Some("Phone UA"));
    assert_eq!(list[1].session.ip_hint.as_deref(), Some("203.0.113.0/24"));
    let phone_id = list[1].session.id;
    assert_eq!(
        code(app.chat.end_session(&bob, phone_id).await),
        "not_found"
    );
    let unknown = chat_core::ids::SessionId::from_uuid(uuid::Uuid::now_v7());
    assert_eq!(
        code(app.chat.end_session(&alice, unknown).await),
        "not_found"
    );
    app.chat.end_session(&alice, phone_id).await.unwrap();
    assert_eq!(
        code(app.chat.authenticate(&phone.access.token).await),
        "unauthenticated"
    );
    assert_eq!(
        code(app.chat.end_session(&alice, phone_id).await),
        "not_found"
    );
    assert_eq!(app.chat.sessions(&alice).await.unwrap().len(), 1);
    let third = app
        .chat
        .login(TestApp::credentials("alice", PASSWORD))
        .await
        .unwrap();
    app.chat.end_other_sessions(&alice).await.unwrap();
    assert!(app.chat.authenticate(&third.access.token).await.is_err());
    assert!(app.chat.me(&alice).await.is_ok());
    assert_eq!(app.chat.sessions(&bob).await.unwrap().len(), 1);
}

#[tokio::test]
async fn using_a_session_moves_its_last_used_at_at_most_once_a_minute() {
    let app = TestApp::new();
    let alice = app.user("alice").await;
    let first = app.chat.sessions(&alice).await.unwrap()[0].session.clone();
    assert_eq!(first.last_used_at, first.created_at);
    let token = app
        .chat
        .login(TestApp::credentials("alice", PASSWORD))
        .await
        .unwrap()
        .access
        .token;
    app.advance(30);
    let me = app.chat.authenticate(&token).await.unwrap();
    let read = |app: &TestApp, me: Actor| {
        let chat = app.chat.clone();
        async move {
            let list = chat.sessions(&me).await.unwrap();
            list.into_iter().find(|s| s.current).unwrap().session
        }
    };
    let s = read(&app, me).await;
    assert_eq!(s.last_used_at, s.created_at, "not within the first minute");
    app.advance(31);
    let me = app.chat.authenticate(&token).await.unwrap();
    let s = read(&app, me).await;
    assert_eq!(s.last_used_at, app.clock_now());
}
