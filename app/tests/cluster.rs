//! Two real `chat-server` instances on one PostgreSQL database and one
//! Redis (`--cluster`): what happens on one reaches the sockets of the
//! other, throttles count on both, an instance killed with SIGKILL behind
//! haproxy loses no message, and a Redis restart heals by itself. Each
//! test runs its OWN redis-server (and haproxy), on free loopback ports.

mod common;

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::{eventually, fresh_postgres, next_json, token, Socket, TestServer};
use futures::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio_tungstenite::tungstenite::Message;

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wait_for_port(port: u16) {
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("nothing listens on 127.0.0.1:{port}");
}

/// A private redis-server (Debian's `redis-server`, installed by
/// scripts/lib/redis.sh); killed when dropped.
struct Redis {
    child: Option<Child>,
    port: u16,
}

impl Redis {
    fn start() -> Self {
        let mut redis = Self {
            child: None,
            port: free_port(),
        };
        redis.run();
        redis
    }

    fn run(&mut self) {
        let bin = std::env::var("REDIS_SERVER_BIN").unwrap_or_else(|_| "redis-server".into());
        let child = Command::new(&bin)
            .args(["--bind", "127.0.0.1", "--port", &self.port.to_string()])
            .args(["--save", "", "--appendonly", "no", "--protected-mode", "no"])
            .stdout(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot run {bin} ({e}): run scripts/test, or apt-get install redis-server")
            });
        self.child = Some(child);
        wait_for_port(self.port);
    }

    fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    /// Sends the process a signal (`STOP` freezes it, `CONT` thaws it).
    fn signal(&self, name: &str) {
        let pid = self.child.as_ref().expect("redis running").id();
        let status = Command::new("kill")
            .args([format!("-{name}"), pid.to_string()])
            .status()
            .unwrap();
        assert!(status.success(), "kill -{name} {pid}");
    }

    fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Two instances, one database, one Redis, one shared signing secret.
struct Cluster {
    a: TestServer,
    b: TestServer,
    redis: Redis,
    _settings: tempfile::TempDir,
}

async fn cluster(limits: bool) -> Cluster {
    let redis = Redis::start();
    let database = fresh_postgres().await;
    let settings = tempfile::tempdir().unwrap();
    let file = settings.path().join("chat.toml");
    std::fs::write(
        &file,
        "jwt_secret = \"a-cluster-wide-signing-secret-of-48-bytes-000000\"\n",
    )
    .unwrap();
    let args = vec![
        "--rate-limits".to_owned(),
        if limits { "on" } else { "off" }.to_owned(),
        "--storage".to_owned(),
        "postgres".to_owned(),
        "--database-url".to_owned(),
        database,
        "--cluster".to_owned(),
        redis.url(),
        "--config".to_owned(),
        file.display().to_string(),
    ];
    // A first: it runs the migrations; B finds them done.
    let a = TestServer::start_with(tempfile::tempdir().unwrap(), args.clone());
    let b = TestServer::start_with(tempfile::tempdir().unwrap(), args);
    Cluster {
        a,
        b,
        redis,
        _settings: settings,
    }
}

async fn connect(url: &str, access: &str) -> (Socket, Value) {
    let (mut ws, _) = tokio_tungstenite::connect_async(url).await.unwrap();
    let hello = next_json(&mut ws).await;
    assert_eq!(hello["type"], "hello");
    let identify = json!({"type": "identify", "data": {"token": access}});
    ws.send(Message::text(identify.to_string())).await.unwrap();
    let ready = next_json(&mut ws).await;
    assert_eq!(ready["type"], "ready", "{ready}");
    (ws, ready)
}

/// The next event of `kind`; the events skipped on the way are returned too.
async fn next_event(ws: &mut Socket, kind: &str) -> (Value, Vec<Value>) {
    let mut skipped = Vec::new();
    loop {
        let v = next_json(ws).await;
        if v["type"] == kind {
            return (v, skipped);
        }
        skipped.push(v);
    }
}

/// The next event of `kind` about `user` (`data.user_id`, or
/// `data.member.user_id`); the events skipped on the way are returned too.
async fn next_about(ws: &mut Socket, kind: &str, user: &str) -> (Value, Vec<Value>) {
    let mut skipped = Vec::new();
    loop {
        let (v, mut more) = next_event(ws, kind).await;
        skipped.append(&mut more);
        let data = &v["data"];
        if data["user_id"] == user || data["member"]["user_id"] == user {
            return (v, skipped);
        }
        skipped.push(v);
    }
}

async fn close_code(ws: &mut Socket) -> u16 {
    loop {
        let frame = tokio::time::timeout(Duration::from_secs(5), ws.next())
            .await
            .expect("a close in time");
        match frame {
            Some(Ok(Message::Close(Some(f)))) => return f.code.into(),
            Some(Ok(_)) => continue,
            other => panic!("expected a close frame, got {other:?}"),
        }
    }
}

async fn post(app: &TestServer, channel: &str, who: &str, content: &str) -> Value {
    let path = format!("/channels/{channel}/messages");
    let (status, message) = app
        .call(
            "POST",
            &path,
            Some(who),
            Some(json!({ "content": content })),
        )
        .await;
    assert_eq!(status, 201, "{message}");
    message
}

#[tokio::test]
async fn events_typing_and_presence_cross_instances() {
    let c = cluster(false).await;
    let alice = token(&c.a.signup("alice").await);
    // Bob signs up through B: the same database.
    let bob = token(&c.b.signup("bob").await);
    let (server, general) = c.a.create_server(&alice, "Two instances").await;
    c.b.invite_and_join(&alice, &server, &bob).await;

    let (mut on_a, _) = connect(&c.a.ws_url(), &alice).await;
    let (mut on_b, ready) = connect(&c.b.ws_url(), &bob).await;
    assert_eq!(ready["data"]["servers"][0]["id"], server.as_str());

    // Bob came online on B: Alice's socket on A hears it, and A's member
    // list shows him online.
    let bob_id = ready["data"]["user"]["id"].as_str().unwrap().to_owned();
    let (online, _) = next_about(&mut on_a, "presence.updated", &bob_id).await;
    assert_eq!(online["data"]["status"], "online");
    let members_path = format!("/servers/{server}/members");
    assert!(
        eventually(|| async {
            let (_, members) = c.a.call("GET", &members_path, Some(&alice), None).await;
            members.as_array().is_some_and(|ms| {
                ms.iter()
                    .any(|m| m["user_id"] == bob_id.as_str() && m["status"] == "online")
            })
        })
        .await,
        "A sees Bob, connected to B, online"
    );

    // A message sent through A reaches B's socket, and the other way.
    post(&c.a, &general, &alice, "from A").await;
    let (got, _) = next_event(&mut on_b, "message.created").await;
    assert_eq!(got["data"]["content"], "from A");
    post(&c.b, &general, &bob, "from B").await;
    let (got, _) = next_event(&mut on_a, "message.created").await;
    assert_eq!(
        got["data"]["content"], "from A",
        "Alice's own message first"
    );
    let (got, _) = next_event(&mut on_a, "message.created").await;
    assert_eq!(got["data"]["content"], "from B");

    // Typing on B shows on A.
    let typing = json!({"type": "typing.start", "data": {"channel_id": general}});
    on_b.send(Message::text(typing.to_string())).await.unwrap();
    let (typing, _) = next_event(&mut on_a, "typing.started").await;
    assert_eq!(typing["data"]["user_id"], bob_id.as_str());

    // Bob leaves B: after the grace, A's socket hears him go offline.
    drop(on_b);
    // (The grace is 5 s, as long as one frame's wait: read without it.)
    let offline = tokio::time::timeout(Duration::from_secs(20), async {
        while let Some(Ok(frame)) = on_a.next().await {
            let Message::Text(t) = frame else { continue };
            let v: Value = serde_json::from_str(t.as_str()).unwrap();
            if v["type"] == "presence.updated"
                && v["data"]["user_id"] == bob_id.as_str()
                && v["data"]["status"] == "offline"
            {
                return v;
            }
        }
        panic!("A's socket closed");
    })
    .await
    .expect("Bob goes offline on A");
    assert_eq!(offline["data"]["user_id"], bob_id.as_str());
}

#[tokio::test]
async fn roles_kicks_bans_and_logouts_on_a_reach_sockets_on_b() {
    let c = cluster(false).await;
    let alice = token(&c.a.signup("alice").await);
    let bob_auth = c.a.signup("bob").await;
    let bob = token(&bob_auth);
    let carol = token(&c.a.signup("carol").await);
    let (server, general) = c.a.create_server(&alice, "Moderated").await;
    c.a.invite_and_join(&alice, &server, &bob).await;
    c.a.invite_and_join(&alice, &server, &carol).await;
    let bob_id = bob_auth["user"]["id"].as_str().unwrap().to_owned();

    let (mut bob_b, _) = connect(&c.b.ws_url(), &bob).await;
    let (mut carol_b, ready) = connect(&c.b.ws_url(), &carol).await;
    let carol_id = ready["data"]["user"]["id"].as_str().unwrap().to_owned();

    // A role change on A.
    let path = format!("/servers/{server}/members/{bob_id}");
    let (status, body) =
        c.a.call("PUT", &path, Some(&alice), Some(json!({"role": "admin"})))
            .await;
    assert_eq!(status, 200, "{body}");
    let (updated, _) = next_about(&mut bob_b, "member.updated", &bob_id).await;
    assert_eq!(updated["data"]["member"]["role"], "admin");

    // A kick on A.
    let path = format!("/servers/{server}/members/{carol_id}");
    let (status, body) = c.a.call("DELETE", &path, Some(&alice), None).await;
    assert_eq!(status, 204, "{body}");
    let (left, _) = next_about(&mut carol_b, "member.left", &carol_id).await;
    assert_eq!(
        (
            left["data"]["user_id"].as_str(),
            left["data"]["reason"].as_str()
        ),
        (Some(carol_id.as_str()), Some("kicked"))
    );

    // A ban on A removes Bob's socket on B from the server: he is told,
    // then hears nothing more of it.
    let path = format!("/servers/{server}/bans");
    let (status, body) =
        c.a.call(
            "POST",
            &path,
            Some(&alice),
            Some(json!({"user_id": bob_id})),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let (left, _) = next_about(&mut bob_b, "member.left", &bob_id).await;
    assert_eq!(left["data"]["reason"], "banned");
    post(&c.a, &general, &alice, "after the ban").await;
    // A marker only Bob hears, sent after the message: his own status.
    let (status, body) =
        c.b.call("PATCH", "/me", Some(&bob), Some(json!({"status": "dnd"})))
            .await;
    assert_eq!(status, 200, "{body}");
    let (_, skipped) = next_about(&mut bob_b, "presence.updated", &bob_id).await;
    assert!(
        skipped.iter().all(|e| e["type"] != "message.created"),
        "a banned user's socket hears nothing more of the server: {skipped:?}"
    );

    // Logging out on A closes the session's socket on B (4003).
    let (status, _) = c.a.call("POST", "/auth/logout", Some(&bob), None).await;
    assert_eq!(status, 204);
    assert_eq!(close_code(&mut bob_b).await, 4003);
}

#[tokio::test]
async fn failed_logins_over_both_instances_share_one_throttle() {
    let c = cluster(true).await;
    c.a.signup("dave").await;
    let wrong = json!({"username": "dave", "password": "not the password at all"});
    // Five failures allowed per (username, address): spread over A and B.
    for i in 0..5 {
        let app = if i % 2 == 0 { &c.a } else { &c.b };
        let (status, body) = app
            .call("POST", "/auth/login", None, Some(wrong.clone()))
            .await;
        assert_eq!(status, 401, "attempt {i}: {body}");
    }
    for app in [&c.a, &c.b] {
        let (status, body) = app
            .call("POST", "/auth/login", None, Some(wrong.clone()))
            .await;
        assert_eq!(status, 429, "{body}");
    }
}

/// Events published while Redis was down never reached the other
/// instance's sockets: once subscribed again, each instance closes its
/// sockets with 4010 so their clients identify again and refetch.
#[tokio::test]
async fn a_redis_restart_is_reported_and_heals_by_itself() {
    let mut c = cluster(false).await;
    let alice = token(&c.a.signup("alice").await);
    let (server, general) = c.a.create_server(&alice, "Resilient").await;
    let _ = server;
    let (mut on_b, _) = connect(&c.b.ws_url(), &alice).await;
    let (mut on_a, _) = connect(&c.a.ws_url(), &alice).await;
    assert_eq!(c.a.call("GET", "/healthz", None, None).await.0, 200);

    c.redis.stop();
    for app in [&c.a, &c.b] {
        assert!(
            eventually(|| async { app.call("GET", "/healthz", None, None).await.0 == 503 }).await,
            "/healthz reports Redis down"
        );
    }
    // Each instance still serves its own sockets and the store; A's
    // socket never hears what was sent through B.
    post(&c.b, &general, &alice, "while Redis is down").await;
    let (got, _) = next_event(&mut on_b, "message.created").await;
    assert_eq!(got["data"]["content"], "while Redis is down");

    c.redis.run();
    for app in [&c.a, &c.b] {
        assert!(
            eventually(|| async { app.call("GET", "/healthz", None, None).await.0 == 200 }).await,
            "/healthz recovers when Redis is back"
        );
    }
    // A missed an event: its socket is told to reconnect (and B's too:
    // B cannot know what it missed from A).
    assert_eq!(close_code(&mut on_a).await, 4010, "A's socket");
    assert_eq!(close_code(&mut on_b).await, 4010, "B's socket");
    // Identified again, the client refetches what it missed.
    let (mut on_a, _) = connect(&c.a.ws_url(), &alice).await;
    let path = format!("/channels/{general}/messages");
    let (_, page) = c.a.call("GET", &path, Some(&alice), None).await;
    assert!(page.to_string().contains("while Redis is down"), "{page}");
    let (mut on_b, _) = connect(&c.b.ws_url(), &alice).await;
    post(&c.a, &general, &alice, "Redis is back").await;
    let (got, _) = next_event(&mut on_b, "message.created").await;
    assert_eq!(got["data"]["content"], "Redis is back");
    let (got, _) = next_event(&mut on_a, "message.created").await;
    assert_eq!(got["data"]["content"], "Redis is back");
}

/// A 201 means the write's event is in Redis already: with Redis frozen
/// (SIGSTOP) the send cannot be acknowledged; once it thaws, the send
/// answers and B's socket hears it. (Before, the 201 came as soon as the
/// event was queued, and an instance killed then lost it for the others.)
#[tokio::test]
async fn a_write_is_acknowledged_only_once_redis_has_its_event() {
    let c = cluster(false).await;
    let alice = token(&c.a.signup("alice").await);
    let (_, general) = c.a.create_server(&alice, "Durable").await;
    let (mut on_b, _) = connect(&c.b.ws_url(), &alice).await;
    post(&c.a, &general, &alice, "warm-up").await;
    next_event(&mut on_b, "message.created").await;

    c.redis.signal("STOP");
    let sending = {
        let (url, alice) = (
            format!("{}/channels/{general}/messages", c.a.base),
            alice.clone(),
        );
        tokio::spawn(async move {
            let res = reqwest::Client::new()
                .post(url)
                .bearer_auth(alice)
                .json(&json!({ "content": "while frozen" }))
                .send()
                .await
                .unwrap();
            res.status().as_u16()
        })
    };
    // Long enough for the store write and the answer, were it not held.
    tokio::time::sleep(Duration::from_millis(700)).await;
    let early = sending.is_finished();
    c.redis.signal("CONT");
    assert!(!early, "acknowledged while Redis could not have the event");
    assert_eq!(sending.await.unwrap(), 201);
    let (got, _) = next_event(&mut on_b, "message.created").await;
    assert_eq!(got["data"]["content"], "while frozen");
}

/// haproxy in front of the two instances, as deploy/haproxy.cfg has it.
struct Haproxy {
    child: Child,
    port: u16,
    _dir: tempfile::TempDir,
}

impl Haproxy {
    fn start(backends: &[&str]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let port = free_port();
        let servers: String = backends
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let addr = b.trim_start_matches("http://");
                format!("    server chat{i} {addr} check\n")
            })
            .collect();
        let config = format!(
            "global\n    maxconn 4096\n\
             defaults\n    mode http\n    timeout connect 1s\n    timeout client 60s\n    \
             timeout server 60s\n    timeout tunnel 1h\n    retries 3\n    option redispatch\n\
             frontend chat\n    bind 127.0.0.1:{port}\n    default_backend chat\n\
             backend chat\n    balance roundrobin\n    option httpchk GET /healthz\n    \
             http-check expect status 200\n    default-server inter 300ms fall 2 rise 2\n{servers}"
        );
        let path = dir.path().join("haproxy.cfg");
        std::fs::write(&path, config).unwrap();
        let bin = std::env::var("HAPROXY_BIN").unwrap_or_else(|_| "haproxy".into());
        let child = Command::new(&bin)
            .args(["-db", "-f"])
            .arg(Path::new(&path))
            .stdout(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot run {bin} ({e}): run scripts/test, or apt-get install haproxy")
            });
        wait_for_port(port);
        Self {
            child,
            port,
            _dir: dir,
        }
    }

    fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for Haproxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The contents of the channel's latest messages, read through the balancer.
async fn history(
    http: &reqwest::Client,
    lb: &Haproxy,
    channel: &str,
    access: &str,
) -> std::collections::BTreeSet<String> {
    let res = http
        .get(format!(
            "{}/channels/{channel}/messages?limit=100",
            lb.base()
        ))
        .bearer_auth(access)
        .send()
        .await
        .unwrap();
    let history: Value = res.json().await.unwrap();
    let list = history
        .as_array()
        .or_else(|| history["messages"].as_array())
        .or_else(|| history["items"].as_array())
        .cloned()
        .unwrap_or_default();
    list.iter()
        .filter_map(|m| m["content"].as_str().map(str::to_owned))
        .collect()
}

/// Connects through the balancer until an instance answers (a dead one
/// is skipped once haproxy's checks notice).
async fn connect_through(lb: &Haproxy, access: &str) -> Socket {
    let url = format!("ws://127.0.0.1:{}/ws", lb.port);
    for _ in 0..100 {
        if let Ok(Ok((mut ws, _))) = tokio::time::timeout(
            Duration::from_secs(2),
            tokio_tungstenite::connect_async(&url),
        )
        .await
        {
            let identify = json!({"type": "identify", "data": {"token": access}});
            if next_json(&mut ws).await["type"] == "hello"
                && ws.send(Message::text(identify.to_string())).await.is_ok()
                && next_json(&mut ws).await["type"] == "ready"
            {
                return ws;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("no instance took the socket");
}

#[tokio::test]
async fn killing_an_instance_behind_haproxy_loses_no_message() {
    let mut c = cluster(false).await;
    let lb = Haproxy::start(&[&c.a.base, &c.b.base]);
    let http = reqwest::Client::new();
    let alice = token(&c.a.signup("alice").await);
    let (_, general) = c.a.create_server(&alice, "Survivors").await;
    let mut readers = Vec::new();
    for name in ["reader0", "reader1", "reader2", "reader3"] {
        let t = token(&c.a.signup(name).await);
        let server_path = format!("/channels/{general}");
        let (_, channel) = c.a.call("GET", &server_path, Some(&alice), None).await;
        let server = channel["server_id"].as_str().unwrap().to_owned();
        c.a.invite_and_join(&alice, &server, &t).await;
        // Round robin: the readers land on both instances.
        readers.push((connect_through(&lb, &t).await, t));
    }

    // Messages go through the balancer; those acknowledged (201) must all
    // be seen by every reader, live or by refetching after a reconnect.
    let mut acknowledged = Vec::new();
    let send = |i: usize| {
        let (http, url, alice) = (
            http.clone(),
            format!("{}/channels/{general}/messages", lb.base()),
            alice.clone(),
        );
        async move {
            let res = http
                .post(url)
                .bearer_auth(alice)
                .json(&json!({ "content": format!("m{i}") }))
                .timeout(Duration::from_secs(5))
                .send()
                .await;
            match res {
                Ok(r) if r.status().as_u16() == 201 => Some(format!("m{i}")),
                // Failed visibly (a 5xx or a dropped connection): not acknowledged.
                _ => None,
            }
        }
    };
    for i in 0..10 {
        acknowledged.extend(send(i).await);
    }
    let before_kill = acknowledged.len();
    c.a.kill();
    for i in 10..30 {
        acknowledged.extend(send(i).await);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(
        acknowledged.len() >= 20,
        "the survivor took the load: {acknowledged:?}"
    );

    let mut reconnected = 0;
    for (ws, access) in readers.iter_mut() {
        // Read what arrives live until the socket drops or goes quiet.
        let mut seen = std::collections::BTreeSet::new();
        let mut dropped = false;
        loop {
            match tokio::time::timeout(Duration::from_millis(1500), ws.next()).await {
                Ok(Some(Ok(Message::Text(t)))) => {
                    let v: Value = serde_json::from_str(t.as_str()).unwrap();
                    if v["type"] == "message.created" {
                        seen.insert(v["data"]["content"].as_str().unwrap().to_owned());
                    }
                }
                Ok(Some(Ok(_))) => {}
                Ok(_) => {
                    dropped = true;
                    break;
                }
                Err(_) => break,
            }
        }
        if dropped {
            reconnected += 1;
            // As the web client does: reconnect (another instance), identify
            // again, refetch the channel's history.
            *ws = connect_through(&lb, access).await;
        }
        let stored = history(&http, &lb, &general, access).await;
        if dropped {
            seen.extend(stored.iter().cloned());
        }
        for (i, m) in acknowledged.iter().enumerate() {
            // Every acknowledged message is stored, so any client that
            // (re)opens the channel sees it.
            assert!(stored.contains(m), "{m} was acknowledged but is not stored");
            // Live: a reader that stayed connected to B hears every
            // acknowledged message, those A acknowledged just before its
            // kill included (a 201 waits until Redis has the event).
            assert!(
                seen.contains(m),
                "{m} (#{i}, {before_kill} before the kill) was acknowledged but never seen: {seen:?}"
            );
        }
    }
    assert!(
        reconnected > 0,
        "round robin put some readers on the killed instance"
    );
}

#[tokio::test]
async fn sigterm_drains_an_instance_its_sockets_close_with_1001() {
    let mut c = cluster(false).await;
    let alice = token(&c.a.signup("alice").await);
    let (mut on_b, _) = connect(&c.b.ws_url(), &alice).await;
    let (mut on_a, _) = connect(&c.a.ws_url(), &alice).await;
    let status = c.b.terminate();
    assert!(status.success(), "{status:?}");
    assert_eq!(close_code(&mut on_b).await, 1001);
    // A is untouched.
    assert_eq!(c.a.call("GET", "/healthz", None, None).await.0, 200);
    let (_, general) = c.a.create_server(&alice, "Still here").await;
    post(&c.a, &general, &alice, "after B left").await;
    let (got, _) = next_event(&mut on_a, "message.created").await;
    assert_eq!(got["data"]["content"], "after B left");
}
