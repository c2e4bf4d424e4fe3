//! `TestServer`: starts the real `chat-server` binary on a free port with a
//! chosen store, and talks to it over HTTP — zero2prod style.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{json, Value};

/// Which store a test runs the binary on.
#[derive(Debug, Clone, Copy)]
pub enum Store {
    Memory,
    Sqlite,
    Postgres,
    Mongo,
}

/// A running binary; killed when dropped.
pub struct TestServer {
    pub base: String,
    child: Child,
    pub data_dir: tempfile::TempDir,
    args: Vec<String>,
    pub http: reqwest::Client,
}

impl TestServer {
    /// Starts the binary on `store` (a fresh database each time).
    pub async fn start(store: Store) -> Self {
        let data_dir = tempfile::tempdir().unwrap();
        let mut args = vec!["--rate-limits".to_owned(), "off".to_owned()];
        args.extend(store_args(store, &data_dir).await);
        Self::start_with(data_dir, args)
    }

    /// Starts the binary with these extra arguments (after `--listen`).
    pub fn start_with(data_dir: tempfile::TempDir, args: Vec<String>) -> Self {
        let (child, base) = spawn(&data_dir, &args);
        Self {
            base,
            child,
            data_dir,
            args,
            http: reqwest::Client::new(),
        }
    }

    /// Kills the process with SIGKILL (no chance to flush anything).
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Starts the binary again with the same settings and data.
    pub fn restart(&mut self) {
        self.kill();
        let (child, base) = spawn(&self.data_dir, &self.args);
        self.child = child;
        self.base = base;
    }

    /// Sends SIGTERM and waits for the exit status.
    pub fn terminate(&mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        self.child.wait().unwrap()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub fn ws_url(&self) -> String {
        format!("{}/ws", self.base.replacen("http://", "ws://", 1))
    }

    /// A request with an optional bearer token and JSON body; returns the
    /// status and the parsed body (`Value::Null` when empty).
    pub async fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (u16, Value) {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut req = self.http.request(method, self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().await.unwrap();
        let status = res.status().as_u16();
        let text = res.text().await.unwrap();
        let value = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        (status, value)
    }

    /// Signs up `name` and returns the whole auth answer.
    pub async fn signup(&self, name: &str) -> Value {
        let (status, body) = self
            .call(
                "POST",
                "/auth/signup",
                None,
                Some(json!({"username": name, "password": "correct horse battery"})),
            )
            .await;
        assert_eq!(status, 201, "{body}");
        body
    }

    /// Logs `name` in (any case) and returns the whole auth answer.
    pub async fn login(&self, name: &str) -> Value {
        let body = json!({"username": name, "password": "correct horse battery"});
        let (status, auth) = self.call("POST", "/auth/login", None, Some(body)).await;
        assert_eq!(status, 200, "{auth}");
        auth
    }

    /// Creates a server owned by the token's user; its id and its first
    /// channel's id.
    pub async fn create_server(&self, owner: &str, name: &str) -> (String, String) {
        let (status, server) = self
            .call(
                "POST",
                "/servers",
                Some(owner),
                Some(json!({ "name": name })),
            )
            .await;
        assert_eq!(status, 201, "{server}");
        let id = server["id"].as_str().unwrap().to_owned();
        let general = server["channels"][0]["id"].as_str().unwrap().to_owned();
        (id, general)
    }

    /// The owner makes an invite and `joiner` joins through it.
    pub async fn invite_and_join(&self, owner: &str, server: &str, joiner: &str) {
        let path = format!("/servers/{server}/invites");
        let (status, invite) = self.call("POST", &path, Some(owner), Some(json!({}))).await;
        assert_eq!(status, 201, "{invite}");
        let code = invite["code"].as_str().unwrap();
        let (status, joined) = self
            .call("POST", &format!("/invites/{code}/join"), Some(joiner), None)
            .await;
        assert_eq!(status, 200, "{joined}");
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.kill();
    }
}

/// The access token of an auth answer.
pub fn token(auth: &Value) -> String {
    auth["access_token"].as_str().unwrap().to_owned()
}

fn spawn(data_dir: &tempfile::TempDir, args: &[String]) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_chat-server"))
        .args(["--listen", "127.0.0.1:0", "--data-dir"])
        .arg(data_dir.path())
        .args(args)
        .env(
            "RUST_LOG",
            std::env::var("RUST_LOG").unwrap_or_else(|_| "warn".into()),
        )
        .env_remove("CHAT_JWT_SECRET")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the chat-server binary starts");
    let stdout = child.stdout.take().unwrap();
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let base = format!("http://{}", listening_address(&line));
    (child, base)
}

/// The address of the binary's one machine-readable line,
/// `{"listening":"127.0.0.1:PORT"}`.
pub fn listening_address(line: &str) -> String {
    let parsed: Value = serde_json::from_str(line.trim())
        .unwrap_or_else(|e| panic!("chat-server's first line is not JSON ({e}): {line:?}"));
    parsed["listening"]
        .as_str()
        .unwrap_or_else(|| panic!("no \"listening\" in chat-server's first line: {line:?}"))
        .to_owned()
}

pub async fn store_args(store: Store, data_dir: &tempfile::TempDir) -> Vec<String> {
    let s = |v: &str| v.to_owned();
    match store {
        Store::Memory => vec![s("--storage"), s("memory")],
        Store::Sqlite => vec![
            s("--storage"),
            s("sqlite"),
            s("--database-url"),
            data_dir.path().join("chat.db").display().to_string(),
        ],
        Store::Postgres => vec![
            s("--storage"),
            s("postgres"),
            s("--database-url"),
            fresh_postgres().await,
        ],
        Store::Mongo => vec![
            s("--storage"),
            s("mongo"),
            s("--database-url"),
            fresh_mongo(),
        ],
    }
}

fn required_env(name: &str, how: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("{name} is not set: {how}"))
}

/// A new, empty PostgreSQL database; its URL.
pub async fn fresh_postgres() -> String {
    let admin = required_env(
        "CHAT_TEST_POSTGRES_ADMIN_URL",
        "run scripts/test, or `source scripts/lib/postgres.sh && start_postgres`",
    );
    let (client, conn) = tokio_postgres::connect(&admin, tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(conn);
    let name = format!("e2e_{}", uuid::Uuid::new_v4().simple());
    client
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .await
        .unwrap();
    match admin.rsplit_once('/') {
        Some((prefix, _)) => format!("{prefix}/{name}"),
        None => panic!("bad admin URL {admin}"),
    }
}

/// A new MongoDB database name on the test server; its URL.
pub fn fresh_mongo() -> String {
    let url = required_env(
        "CHAT_TEST_MONGO_URL",
        "run scripts/test, or `source scripts/lib/ferretdb.sh && start_ferretdb`",
    );
    format!(
        "{}/e2e_{}",
        url.trim_end_matches('/'),
        uuid::Uuid::new_v4().simple()
    )
}

/// Waits a little for something eventually true (a socket event, a status).
pub async fn eventually<F, Fut>(mut check: F) -> bool
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    for _ in 0..50 {
        if check().await {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    false
}

/// A client socket of the gateway.
pub type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// The next JSON frame, skipping pings and pongs; fails after 5 s.
pub async fn next_json(ws: &mut Socket) -> Value {
    loop {
        let frame = tokio::time::timeout(Duration::from_secs(5), futures::StreamExt::next(ws))
            .await
            .expect("a frame in time");
        match frame.expect("socket open").expect("frame ok") {
            tokio_tungstenite::tungstenite::Message::Text(t) => {
                return serde_json::from_str(t.as_str()).unwrap()
            }
            tokio_tungstenite::tungstenite::Message::Ping(_)
            | tokio_tungstenite::tungstenite::Message::Pong(_) => continue,
            other => panic!("unexpected frame {other:?}"),
        }
    }
}
