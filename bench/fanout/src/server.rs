//! The server under test: started from `--server-bin` (memory store, rate
//! limits off) or reached at `--url`; and what /proc says about it.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

/// A server: its address and, when this program started it, its process.
pub struct Server {
    pub addr: SocketAddr,
    child: Option<Child>,
    /// A SQLite file made for the run, removed at the end.
    database: Option<PathBuf>,
}

impl Server {
    /// Starts `bin` on a free port with `storage` (`memory`, or `sqlite`
    /// in a fresh temporary file) and reads its address from the line it
    /// prints when listening.
    pub async fn start(
        bin: &str,
        storage: &str,
        tag: &str,
        extra: &[String],
    ) -> Result<Self, String> {
        let mut command = Command::new(bin);
        command
            .args(["--listen", "127.0.0.1:0", "--rate-limits", "off"])
            .args(["--storage", storage])
            .args(extra)
            .env(
                "CHAT_JWT_SECRET",
                "benchmark-secret-benchmark-secret-0123456789",
            )
            .env(
                "RUST_LOG",
                std::env::var("RUST_LOG").unwrap_or_else(|_| "warn".into()),
            )
            .stdout(Stdio::piped())
            .stdin(Stdio::null())
            .kill_on_drop(true);
        let database = (storage == "sqlite")
            .then(|| std::env::temp_dir().join(format!("chat-bench-{tag}.db")));
        if let Some(path) = &database {
            command.arg("--database-url").arg(path);
        }
        let mut child = command
            .spawn()
            .map_err(|e| format!("cannot start {bin}: {e}"))?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let mut lines = BufReader::new(stdout).lines();
        let wait = async {
            while let Ok(Some(line)) = lines.next_line().await {
                // The binary's one machine-readable line: {"listening":"127.0.0.1:PORT"}.
                let parsed = serde_json::from_str::<serde_json::Value>(&line).ok();
                if let Some(addr) = parsed.as_ref().and_then(|v| v["listening"].as_str()) {
                    return addr.parse::<SocketAddr>().ok();
                }
            }
            None
        };
        let addr = tokio::time::timeout(Duration::from_secs(60), wait)
            .await
            .ok()
            .flatten()
            .ok_or("the server did not say where it listens")?;
        // Keep reading its stdout so it never blocks on a full pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Ok(Self {
            addr,
            child: Some(child),
            database,
        })
    }

    /// A server that is already running at `url` (`http://host:port`).
    pub fn at(url: &str) -> Result<Self, String> {
        let authority = url.trim_start_matches("http://").trim_end_matches('/');
        let addr = authority
            .parse()
            .map_err(|_| format!("--url must be http://IP:PORT, got {url}"))?;
        Ok(Self {
            addr,
            child: None,
            database: None,
        })
    }

    /// The process id, when this program started the server.
    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().and_then(Child::id)
    }

    /// Resident memory in KiB (VmRSS).
    pub fn rss_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid()?)).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
        line.split_whitespace().nth(1)?.parse().ok()
    }

    /// CPU time used so far (user + system), in microseconds.
    pub fn cpu_micros(&self) -> Option<u64> {
        cpu_micros_of(self.pid()?)
    }
}

/// CPU time process `pid` used so far (user + system), in microseconds.
pub fn cpu_micros_of(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which may contain spaces).
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) * 1_000_000 / clock_ticks())
}

/// Clock ticks per second (`getconf CLK_TCK`, almost always 100).
fn clock_ticks() -> u64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .filter(|&t| t > 0)
        .unwrap_or(100)
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(child) = &mut self.child {
            let _ = child.start_kill();
        }
        if let Some(path) = &self.database {
            for suffix in ["", "-wal", "-shm"] {
                let mut file = path.clone().into_os_string();
                file.push(suffix);
                let _ = std::fs::remove_file(file);
            }
        }
    }
}
