//! A store that goes away answers 503 `unavailable` with `Retry-After` on
//! every route (never 500 `internal`), and the server recovers by itself
//! when it returns, under load. Each test runs its OWN database server (a
//! private PostgreSQL cluster, a private FerretDB), never the shared one.

mod common;

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{eventually, token, TestServer};
use serde_json::json;

const PG_BIN: &str = "/usr/lib/postgresql/15/bin";

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// What every request answered while the load ran: status and whether a
/// 503 carried `Retry-After`.
#[derive(Default)]
struct Seen {
    statuses: Vec<u16>,
    unavailable_without_retry_after: usize,
}

/// Sends messages from 4 tasks until `stop`; records every answer.
fn load(app: &TestServer, token: &str, channel: &str, stop: Arc<AtomicBool>) -> Arc<Mutex<Seen>> {
    let seen = Arc::new(Mutex::new(Seen::default()));
    for _ in 0..4 {
        let (http, url, token) = (
            app.http.clone(),
            app.url(&format!("/channels/{channel}/messages")),
            token.to_owned(),
        );
        let (seen, stop) = (seen.clone(), stop.clone());
        tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                let sent = http
                    .post(&url)
                    .bearer_auth(&token)
                    .json(&json!({"content": "under load"}))
                    .send()
                    .await;
                let Ok(res) = sent else { continue };
                let status = res.status().as_u16();
                let no_retry_after = !res.headers().contains_key("retry-after");
                {
                    let mut seen = seen.lock().unwrap();
                    if status == 503 && no_retry_after {
                        seen.unavailable_without_retry_after += 1;
                    }
                    seen.statuses.push(status);
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        });
    }
    seen
}

/// Runs the outage: load, `stop_db`, see 503s on several routes, `start_db`,
/// see the load succeed again.
async fn outage_and_recovery(app: &TestServer, stop_db: impl FnOnce(), start_db: impl FnOnce()) {
    let owner = token(&app.signup("owner").await);
    let (server, channel) = app.create_server(&owner, "Town").await;
    let stop = Arc::new(AtomicBool::new(false));
    let seen = load(app, &owner, &channel, stop.clone());

    stop_db();
    let routes = [
        (
            "POST",
            format!("/channels/{channel}/messages"),
            Some(json!({"content": "hi"})),
        ),
        ("GET", format!("/channels/{channel}/messages"), None),
        ("GET", "/me".to_owned(), None),
        ("GET", format!("/servers/{server}/members"), None),
        (
            "POST",
            "/auth/login".to_owned(),
            Some(json!({"username": "owner", "password": "correct horse battery"})),
        ),
    ];
    for (method, path, body) in &routes {
        let answered_503 = eventually(|| async {
            let token = (path != "/auth/login").then_some(owner.as_str());
            let (status, answer) = app.call(method, path, token, body.clone()).await;
            assert_ne!(status, 500, "{method} {path}: {answer}");
            status == 503 && answer["error"]["code"] == "unavailable"
        })
        .await;
        assert!(answered_503, "{method} {path} never answered 503");
    }
    let (status, _) = app.call("GET", "/healthz", None, None).await;
    assert_eq!(status, 503);

    start_db();
    let recovered = eventually(|| async {
        let body = json!({"content": "back"});
        let path = format!("/channels/{channel}/messages");
        app.call("POST", &path, Some(&owner), Some(body)).await.0 == 201
    })
    .await;
    assert!(recovered, "no recovery after the store came back");
    // The load goes on succeeding.
    let before = seen.lock().unwrap().statuses.len();
    let more = eventually(|| async { seen.lock().unwrap().statuses.len() > before + 10 }).await;
    assert!(more, "the load stalled after recovery");
    stop.store(true, Ordering::Relaxed);

    let seen = seen.lock().unwrap();
    assert!(!seen.statuses.contains(&500), "a 500 under the outage");
    assert!(
        seen.statuses.iter().all(|s| *s == 201 || *s == 503),
        "{:?}",
        seen.statuses
    );
    assert!(
        seen.statuses.contains(&503),
        "the load never saw the outage"
    );
    assert_eq!(seen.unavailable_without_retry_after, 0);
    assert_eq!(seen.statuses.last(), Some(&201));
}

/// A private PostgreSQL cluster in a temporary folder, run as `postgres`.
struct PrivatePostgres {
    dir: tempfile::TempDir,
    port: u16,
}

impl PrivatePostgres {
    fn init() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let chown = Command::new("chown")
            .args(["-R", "postgres:postgres"])
            .arg(dir.path())
            .status()
            .unwrap();
        assert!(chown.success(), "chown of the cluster folder");
        let data = dir.path().join("data");
        let status = Command::new("runuser")
            .args(["-u", "postgres", "--"])
            .arg(Path::new(PG_BIN).join("initdb"))
            .args(["-A", "trust", "-U", "postgres", "-D"])
            .arg(&data)
            .stdout(Stdio::null())
            .status()
            .expect("runuser and initdb (PostgreSQL 15) are installed");
        assert!(status.success(), "initdb failed");
        let me = Self {
            dir,
            port: free_port(),
        };
        me.start();
        me
    }

    fn pg_ctl(&self, args: &[&str]) -> bool {
        let data = self.dir.path().join("data");
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1",
            self.port,
            self.dir.path().display()
        );
        Command::new("runuser")
            .args(["-u", "postgres", "--"])
            .arg(Path::new(PG_BIN).join("pg_ctl"))
            .arg("-D")
            .arg(&data)
            .args(["-o", &options, "-l"])
            .arg(self.dir.path().join("log"))
            .args(args)
            .stdout(Stdio::null())
            .status()
            .unwrap()
            .success()
    }

    fn start(&self) {
        assert!(self.pg_ctl(&["-w", "start"]), "pg_ctl start");
    }

    fn stop(&self) {
        assert!(
            self.pg_ctl(&["-w", "-m", "immediate", "stop"]),
            "pg_ctl stop"
        );
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for PrivatePostgres {
    fn drop(&mut self) {
        let _ = self.pg_ctl(&["-m", "immediate", "stop"]);
    }
}

fn server_on(storage: &str, url: &str) -> TestServer {
    let data_dir = tempfile::tempdir().unwrap();
    let args = [
        "--rate-limits",
        "off",
        "--storage",
        storage,
        "--database-url",
        url,
    ];
    TestServer::start_with(data_dir, args.iter().map(|s| s.to_string()).collect())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_postgres_outage_answers_503_and_the_server_recovers_under_load() {
    let pg = PrivatePostgres::init();
    let app = server_on("postgres", &pg.url());
    outage_and_recovery(&app, || pg.stop(), || pg.start()).await;
}

/// A private FerretDB on a fixed port and folder, so it can be restarted.
struct PrivateFerret {
    dir: tempfile::TempDir,
    port: u16,
    child: Option<Child>,
}

impl PrivateFerret {
    fn start() -> Self {
        let mut me = Self {
            dir: tempfile::tempdir().unwrap(),
            port: free_port(),
            child: None,
        };
        std::fs::create_dir_all(me.dir.path().join("data")).unwrap();
        me.spawn();
        me
    }

    fn spawn(&mut self) {
        let bin = std::env::var("FERRETDB_BIN").unwrap_or_else(|_| {
            panic!("FERRETDB_BIN is not set: `source scripts/lib/ferretdb.sh && ensure_ferretdb`")
        });
        let child = Command::new(bin)
            .arg("--handler=sqlite")
            .arg(format!(
                "--sqlite-url=file:{}/data/",
                self.dir.path().display()
            ))
            .arg(format!("--listen-addr=127.0.0.1:{}", self.port))
            .arg("--debug-addr=-")
            .arg(format!("--state-dir={}", self.dir.path().display()))
            .arg("--telemetry=disable")
            .env("DO_NOT_TRACK", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("ferretdb starts");
        self.child = Some(child);
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("ferretdb did not listen on {}", self.port);
    }

    fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    fn url(&self) -> String {
        format!("mongodb://127.0.0.1:{}/outage", self.port)
    }
}

impl Drop for PrivateFerret {
    fn drop(&mut self) {
        self.kill();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_mongo_outage_answers_503_and_the_server_recovers_under_load() {
    let ferret = Arc::new(Mutex::new(PrivateFerret::start()));
    let url = ferret.lock().unwrap().url();
    let app = server_on("mongo", &url);
    let (down, up) = (ferret.clone(), ferret.clone());
    outage_and_recovery(
        &app,
        move || down.lock().unwrap().kill(),
        move || up.lock().unwrap().spawn(),
    )
    .await;
}
