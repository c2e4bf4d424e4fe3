//! Operator acts: resetting a password and disabling an account end every
//! session; a disabled user cannot log in (after the right password
//! only), finish a two-factor login, or refresh.

use chat_core::account::MfaCrypto;
use chat_core::account::{base32_decode, totp_step, LoginProof};
use chat_core::auth::{ClientInfo, LoginOutcome};
use chat_core::events::EventKind;
use chat_core::users::Password;
use chat_core::Error;
use chat_memory::FakeMfaCrypto;

use crate::common::{code, field, TestApp, PASSWORD};

async fn login(app: &TestApp, name: &str, password: &str) -> Result<LoginOutcome, Error> {
    app.chat
        .login_with(TestApp::credentials(name, password), ClientInfo::default())
        .await
}

#[tokio::test]
async fn disabling_ends_every_session_and_refuses_login_until_enabled() {
    let app = TestApp::new();
    let alice = app.user("alice").await;
    let second = app
        .chat
        .login(TestApp::credentials("alice", PASSWORD))
        .await
        .unwrap();
    let bob = app.user("bob").await;
    app.take_events();

    let before = app.chat.admin_set_disabled("ALICE", true).await.unwrap();
    assert!(!before.disabled, "the user as it was");
    assert!(app.take_kinds().iter().any(|k| matches!(
        k,
        EventKind::SessionsRevoked { user_id, session_id: None } if *user_id == alice.user_id
    )));
    assert!(!app.chat.session_is_live(alice.session_id).await.unwrap());
    assert_eq!(
        code(app.chat.authenticate(&second.access.token).await),
        "unauthenticated"
    );
    assert_eq!(
        code(app.chat.refresh(&second.refresh_token).await),
        "unauthenticated",
        "the session ended with the disabling"
    );
    // The right password learns why; a wrong one learns nothing.
    assert_eq!(
        code(login(&app, "alice", PASSWORD).await),
        "account_disabled"
    );
    assert_eq!(
        code(login(&app, "alice", "wrong password").await),
        "unauthenticated"
    );
    assert!(app.chat.session_is_live(bob.session_id).await.unwrap());

    app.chat.admin_set_disabled("alice", false).await.unwrap();
    assert!(matches!(
        login(&app, "alice", PASSWORD).await,
        Ok(LoginOutcome::Tokens(_))
    ));
}

#[tokio::test]
async fn a_refresh_racing_the_disabling_is_refused_and_its_session_ends() {
    use chat_core::account::AccountStore;
    let app = TestApp::new();
    app.user("alice").await;
    let tokens = app
        .chat
        .login(TestApp::credentials("alice", PASSWORD))
        .await
        .unwrap();
    let actor = app.chat.authenticate(&tokens.access.token).await.unwrap();
    // The flag is set, the sessions not yet revoked (the operator's
    // command is between its two steps): refresh must refuse by itself.
    assert!(app
        .store
        .set_user_disabled(actor.user_id, true)
        .await
        .unwrap());
    assert_eq!(
        code(app.chat.refresh(&tokens.refresh_token).await),
        "account_disabled"
    );
    assert!(!app.chat.session_is_live(actor.session_id).await.unwrap());
}

#[tokio::test]
async fn a_disabled_user_cannot_finish_a_two_factor_login() {
    let app = TestApp::new();
    let alice = app.user("alice").await;
    let setup = app
        .chat
        .setup_totp(&alice, &Password::for_login(PASSWORD))
        .await
        .unwrap();
    let key = base32_decode(&setup.secret).unwrap();
    let code_at = |app: &TestApp| {
        use chat_core::Clock;
        let step = totp_step(app.clock.now());
        format!("{:06}", FakeMfaCrypto.hotp(&key, step as u64))
    };
    app.chat.enable_totp(&alice, &code_at(&app)).await.unwrap();
    app.advance(30);
    let Ok(LoginOutcome::MfaRequired { ticket }) = login(&app, "alice", PASSWORD).await else {
        panic!("expected a second step");
    };
    app.chat.admin_set_disabled("alice", true).await.unwrap();
    let done = app
        .chat
        .complete_mfa_login(
            &ticket,
            LoginProof::Code(code_at(&app)),
            ClientInfo::default(),
        )
        .await;
    assert_eq!(code(done), "account_disabled");
    use chat_core::auth::SessionStore;
    let live = app.store.sessions_of(alice.user_id).await.unwrap();
    assert!(live.is_empty(), "no session opened for her: {live:?}");
}

#[tokio::test]
async fn a_reset_password_ends_every_session_and_only_the_new_one_works() {
    let app = TestApp::new();
    let alice = app.user("alice").await;
    app.take_events();
    let reset = app.chat.admin_reset_password("alice", None).await.unwrap();
    let generated = reset.generated.expect("a generated password");
    assert!(generated.chars().count() >= 16, "{generated}");
    assert!(!app.chat.session_is_live(alice.session_id).await.unwrap());
    assert!(app.take_kinds().iter().any(|k| matches!(
        k,
        EventKind::SessionsRevoked {
            session_id: None,
            ..
        }
    )));
    assert_eq!(
        code(login(&app, "alice", PASSWORD).await),
        "unauthenticated"
    );
    assert!(login(&app, "alice", &generated).await.is_ok());

    let chosen = app
        .chat
        .admin_reset_password("alice", Some("a chosen password"))
        .await
        .unwrap();
    assert_eq!(chosen.generated, None);
    assert!(login(&app, "alice", "a chosen password").await.is_ok());
}

#[tokio::test]
async fn operator_acts_refuse_unknown_users_and_bad_passwords_changing_nothing() {
    let app = TestApp::new();
    let alice = app.user("alice").await;
    assert_eq!(
        code(app.chat.admin_reset_password("nobody", None).await),
        "not_found"
    );
    assert_eq!(
        code(app.chat.admin_set_disabled("nobody", true).await),
        "not_found"
    );
    assert_eq!(
        field(app.chat.admin_set_disabled("no such name!", true).await),
        "username"
    );
    assert_eq!(
        field(app.chat.admin_reset_password("alice", Some("short")).await),
        "password"
    );
    assert!(app.chat.session_is_live(alice.session_id).await.unwrap());
    assert!(login(&app, "alice", PASSWORD).await.is_ok());
}
