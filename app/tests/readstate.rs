//! Read state end to end against the real binary: a user who was away
//! logs in and finds the right counts in `ready` and over REST; an ack on
//! one device clears the channel on the other at once; and a coalesced
//! ack still waiting to be written survives a graceful shutdown.

mod common;

use std::time::Duration;

use common::{token, Store, TestServer};
use futures::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio_tungstenite::tungstenite::Message;

/// One identified socket of a user.
struct Device {
    ws: tokio_tungstenite::WebSocketStream<
        tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>,
    >,
    ready: Value,
}

impl Device {
    async fn open(app: &TestServer, access: &str) -> Device {
        let (ws, _) = tokio_tungstenite::connect_async(app.ws_url())
            .await
            .unwrap();
        let mut device = Device {
            ws,
            ready: Value::Null,
        };
        let frame = json!({"type": "identify", "data": {"token": access}});
        device
            .ws
            .send(Message::text(frame.to_string()))
            .await
            .unwrap();
        device.ready = device.frame_of("ready").await["data"].clone();
        device
    }

    /// The next text frame of type `kind`, skipping others.
    async fn frame_of(&mut self, kind: &str) -> Value {
        loop {
            let next = tokio::time::timeout(Duration::from_secs(5), self.ws.next())
                .await
                .unwrap_or_else(|_| panic!("no {kind} frame in time"));
            if let Message::Text(t) = next.expect("socket open").expect("frame ok") {
                let v: Value = serde_json::from_str(t.as_str()).unwrap();
                if v["type"] == kind {
                    return v;
                }
            }
        }
    }
}

fn state_in<'a>(states: &'a Value, channel: &str) -> &'a Value {
    states
        .as_array()
        .expect("a list of read states")
        .iter()
        .find(|s| s["channel_id"] == channel)
        .unwrap_or_else(|| panic!("no read state for {channel} in {states}"))
}

async fn say(app: &TestServer, access: &str, channel: &str, content: &str) -> Value {
    let (status, m) = app
        .call(
            "POST",
            &format!("/channels/{channel}/messages"),
            Some(access),
            Some(json!({"content": content})),
        )
        .await;
    assert_eq!(status, 201, "{m}");
    m
}

async fn ack(app: &TestServer, access: &str, channel: &str, message: &Value) {
    let (status, body) = app
        .call(
            "PUT",
            &format!("/channels/{channel}/read"),
            Some(access),
            Some(json!({"message_id": message["id"]})),
        )
        .await;
    assert_eq!(status, 204, "{body}");
}

#[tokio::test]
async fn an_absent_user_logs_in_to_the_right_counts_and_two_devices_stay_in_step() {
    away_then_two_devices(Store::Sqlite).await;
}

#[tokio::test]
async fn the_same_on_postgres() {
    away_then_two_devices(Store::Postgres).await;
}

#[tokio::test]
async fn the_same_on_mongo() {
    away_then_two_devices(Store::Mongo).await;
}

async fn away_then_two_devices(store: Store) {
    let app = TestServer::start(store).await;
    let alice = token(&app.signup("alice").await);
    let bob = token(&app.signup("bob").await);
    let (server, general) = app.create_server(&alice, "Away").await;
    app.invite_and_join(&alice, &server, &bob).await;
    // bob is not connected anywhere while alice writes.
    say(&app, &alice, &general, "morning").await;
    say(&app, &alice, &general, "@bob are you there?").await;
    let last = say(&app, &alice, &general, "ping").await;

    let bob = token(&app.login("bob").await);
    let mut phone = Device::open(&app, &bob).await;
    let s = state_in(&phone.ready["read_states"], &general);
    assert_eq!(
        (s["unread_count"].clone(), s["mention_count"].clone()),
        (json!(3), json!(1))
    );
    assert_eq!(s["unread_capped"], false);
    assert_eq!(s["last_message_id"], last["id"]);
    assert_eq!(
        phone.ready["notification_settings"],
        json!({"servers": [], "channels": []})
    );
    let (status, rest) = app.call("GET", "/me/read-states", Some(&bob), None).await;
    assert_eq!(status, 200);
    assert_eq!(state_in(&rest, &general)["unread_count"], 3);

    let mut laptop = Device::open(&app, &bob).await;
    ack(&app, &bob, &general, &last).await;
    for device in [&mut laptop, &mut phone] {
        let event = device.frame_of("read_state.updated").await;
        assert!(event["seq"].as_u64().is_some(), "{event}");
        let data = &event["data"];
        assert_eq!(data["channel_id"], general.as_str());
        assert_eq!(data["last_read_message_id"], last["id"]);
        assert_eq!(
            (data["unread_count"].clone(), data["mention_count"].clone()),
            (json!(0), json!(0))
        );
    }
    let (_, settings) = app
        .call(
            "PUT",
            &format!("/servers/{server}/notifications"),
            Some(&bob),
            Some(json!({"level": "mentions"})),
        )
        .await;
    assert_eq!(settings["level"], "mentions");
    let event = laptop.frame_of("notification_settings.updated").await;
    assert_eq!(event["data"]["servers"][0]["level"], "mentions");
}

#[tokio::test]
async fn a_coalesced_ack_survives_a_graceful_shutdown() {
    let mut app = TestServer::start(Store::Sqlite).await;
    let alice = token(&app.signup("alice").await);
    let bob = token(&app.signup("bob").await);
    let (server, general) = app.create_server(&alice, "Durable reads").await;
    app.invite_and_join(&alice, &server, &bob).await;
    let mut sent = Vec::new();
    for i in 0..4 {
        sent.push(say(&app, &alice, &general, &format!("m{i}")).await);
    }
    // The first ack is written at once; the next ones within 3 s wait.
    for m in &sent[..3] {
        ack(&app, &bob, &general, m).await;
    }

    assert!(app.terminate().success());
    app.restart();

    let bob = token(&app.login("bob").await);
    let (status, states) = app.call("GET", "/me/read-states", Some(&bob), None).await;
    assert_eq!(status, 200);
    let s = state_in(&states, &general);
    assert_eq!(s["last_read_message_id"], sent[2]["id"]);
    assert_eq!(s["unread_count"], 1);
    // alice's own messages marked her channel read, flushed too.
    let alice = token(&app.login("alice").await);
    let (_, states) = app.call("GET", "/me/read-states", Some(&alice), None).await;
    assert_eq!(
        state_in(&states, &general)["last_read_message_id"],
        sent[3]["id"]
    );
}
