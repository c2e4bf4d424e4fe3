use chat_core::auth::SignupRequest;
use chat_core::users::{DisplayName, Password, Username};

use crate::common::{code, TestApp, PASSWORD};

fn signup(name: &str) -> SignupRequest {
    SignupRequest {
        username: Username::parse(name).unwrap(),
        password: Password::parse(PASSWORD).unwrap(),
        display_name: None,
    }
}

#[tokio::test]
async fn signup_returns_the_user_and_working_tokens() {
    let app = TestApp::new();
    let mut req = signup("alice");
    req.display_name = Some(DisplayName::parse("Alice A.").unwrap());
    let tokens = app.chat.signup(req).await.unwrap();
    assert_eq!(tokens.user.user.display_name.as_str(), "Alice A.");
    assert_eq!(tokens.access.expires_in, 900);
    let actor = app.chat.authenticate(&tokens.access.token).await.unwrap();
    assert_eq!(actor.user_id, tokens.user.user.id);
}

#[tokio::test]
async fn display_name_defaults_to_the_username() {
    let app = TestApp::new();
    let tokens = app.chat.signup(signup("bob")).await.unwrap();
    assert_eq!(tokens.user.user.display_name.as_str(), "bob");
}

#[tokio::test]
async fn usernames_are_unique_ignoring_case() {
    let app = TestApp::new();
    app.chat.signup(signup("Alice")).await.unwrap();
    assert_eq!(
        code(app.chat.signup(signup("alice")).await),
        "username_taken"
    );
}

#[tokio::test]
async fn login_ignores_username_case() {
    let app = TestApp::new();
    app.chat.signup(signup("Alice")).await.unwrap();
    let tokens = app
        .chat
        .login(TestApp::credentials("ALICE", PASSWORD))
        .await
        .unwrap();
    assert_eq!(tokens.user.user.username.as_str(), "Alice");
}

#[tokio::test]
async fn wrong_password_unknown_user_and_malformed_name_are_all_unauthenticated() {
    let app = TestApp::new();
    app.chat.signup(signup("alice")).await.unwrap();
    for (name, password) in [
        ("alice", "wrong password"),
        ("nobody", PASSWORD),
        ("a b", PASSWORD),
    ] {
        let r = app.chat.login(TestApp::credentials(name, password)).await;
        assert_eq!(code(r), "unauthenticated", "{name}");
    }
}

#[tokio::test]
async fn bad_and_expired_access_tokens_are_refused() {
    let app = TestApp::new();
    let tokens = app.chat.signup(signup("alice")).await.unwrap();
    assert_eq!(
        code(app.chat.authenticate("garbage").await),
        "unauthenticated"
    );
    app.advance(16 * 60);
    assert_eq!(
        code(app.chat.authenticate(&tokens.access.token).await),
        "unauthenticated"
    );
}

#[tokio::test]
async fn refresh_rotates_the_pair() {
    let app = TestApp::new();
    let first = app.chat.signup(signup("alice")).await.unwrap();
    let second = app.chat.refresh(&first.refresh_token).await.unwrap();
    assert_ne!(second.refresh_token, first.refresh_token);
    app.chat.authenticate(&second.access.token).await.unwrap();
    app.chat.refresh(&second.refresh_token).await.unwrap();
}

#[tokio::test]
async fn a_spent_refresh_token_revokes_the_whole_session() {
    let app = TestApp::new();
    let first = app.chat.signup(signup("alice")).await.unwrap();
    let second = app.chat.refresh(&first.refresh_token).await.unwrap();
    assert_eq!(
        code(app.chat.refresh(&first.refresh_token).await),
        "unauthenticated"
    );
    // Both the thief's and the victim's tokens of that session are dead.
    assert_eq!(
        code(app.chat.refresh(&second.refresh_token).await),
        "unauthenticated"
    );
    assert_eq!(
        code(app.chat.authenticate(&second.access.token).await),
        "unauthenticated"
    );
}

#[tokio::test]
async fn refresh_reuse_ends_only_that_session() {
    let app = TestApp::new();
    let a = app.chat.signup(signup("alice")).await.unwrap();
    let b = app
        .chat
        .login(TestApp::credentials("alice", PASSWORD))
        .await
        .unwrap();
    app.chat.refresh(&a.refresh_token).await.unwrap();
    app.chat.refresh(&a.refresh_token).await.unwrap_err();
    app.chat.authenticate(&b.access.token).await.unwrap();
    app.chat.refresh(&b.refresh_token).await.unwrap();
}

#[tokio::test]
async fn unknown_and_expired_refresh_tokens_are_refused() {
    let app = TestApp::new();
    let tokens = app.chat.signup(signup("alice")).await.unwrap();
    assert_eq!(
        code(app.chat.refresh("not-a-token").await),
        "unauthenticated"
    );
    app.advance(31 * 24 * 3600);
    assert_eq!(
        code(app.chat.refresh(&tokens.refresh_token).await),
        "unauthenticated"
    );
}

#[tokio::test]
async fn logout_kills_access_and_refresh_of_that_session_only() {
    let app = TestApp::new();
    let a = app.chat.signup(signup("alice")).await.unwrap();
    let b = app
        .chat
        .login(TestApp::credentials("alice", PASSWORD))
        .await
        .unwrap();
    let actor = app.chat.authenticate(&a.access.token).await.unwrap();
    app.chat.logout(&actor).await.unwrap();
    assert_eq!(
        code(app.chat.authenticate(&a.access.token).await),
        "unauthenticated"
    );
    assert_eq!(
        code(app.chat.refresh(&a.refresh_token).await),
        "unauthenticated"
    );
    app.chat.authenticate(&b.access.token).await.unwrap();
}

#[tokio::test]
async fn logout_tells_the_gateway_to_close_that_sessions_sockets() {
    use chat_core::events::EventKind;
    let app = TestApp::new();
    let actor = app.user("alice").await;
    app.take_events();
    app.chat.logout(&actor).await.unwrap();
    let kinds = app.take_kinds();
    assert!(kinds.contains(&EventKind::SessionsRevoked {
        user_id: actor.user_id,
        session_id: Some(actor.session_id)
    }));
}

#[tokio::test]
async fn a_session_cannot_be_refreshed_past_its_absolute_lifetime_of_90_days() {
    let app = TestApp::new();
    let mut refresh = app
        .chat
        .signup(signup("alice"))
        .await
        .unwrap()
        .refresh_token;
    const DAY: u64 = 24 * 3600;
    for _ in 0..3 {
        app.advance(29 * DAY);
        refresh = app.chat.refresh(&refresh).await.unwrap().refresh_token;
    }
    // 87 days old: still fine; at 91 days the sliding token is still
    // unexpired, but the session is too old.
    app.advance(4 * DAY);
    assert_eq!(code(app.chat.refresh(&refresh).await), "unauthenticated");
}
