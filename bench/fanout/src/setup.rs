//! Populating the server over REST: users, servers, invites, members.

use std::net::SocketAddr;

use futures::future::try_join_all;
use serde_json::{json, Value};

use crate::http::{expect, Http};

/// How many REST calls run at once while setting up.
const PARALLEL: usize = 8;

/// Every benchmark user's password.
pub const PASSWORD: &str = "benchmark password";

/// The name of user `i` of run `tag`.
pub fn username(tag: &str, i: usize) -> String {
    format!("b{tag}_{i}")
}

/// A signed-up user.
#[derive(Clone)]
pub struct User {
    pub token: String,
}

/// A server made for the run.
pub struct ChatServer {
    pub channel_id: String,
    /// How many users belong to it.
    pub members: u64,
}

pub struct World {
    pub users: Vec<User>,
    pub servers: Vec<ChatServer>,
}

impl World {
    /// The server user `i` belongs to.
    pub fn server_of(&self, i: usize) -> usize {
        i % self.servers.len()
    }
}

/// Signs up `users` users; user `i` joins server `i % servers` (the first
/// `servers` users own one each).
pub async fn prepare(
    addr: SocketAddr,
    tag: &str,
    users: usize,
    servers: usize,
) -> Result<World, String> {
    let servers = servers.clamp(1, users.max(1));
    let users = signup_all(addr, tag, users).await?;
    let mut made = Vec::new();
    let mut invites = Vec::new();
    let mut http = Http::connect(addr).await?;
    for (s, owner) in users.iter().take(servers).enumerate() {
        let (server_id, channel_id) =
            create_server(&mut http, owner, &format!("bench {tag} {s}")).await?;
        let body = json!({});
        let invite = http
            .call(
                "POST",
                &format!("/servers/{server_id}/invites"),
                Some(&owner.token),
                Some(&body),
            )
            .await?;
        let invite = expect(invite, 201, "create an invite")?;
        invites.push(field(&invite, "code")?);
        made.push(ChatServer {
            channel_id,
            members: 1,
        });
    }
    let joiners: Vec<(usize, User)> = users.iter().cloned().enumerate().skip(servers).collect();
    let chunks: Vec<Vec<(usize, User)>> = joiners
        .chunks(joiners.len().div_ceil(PARALLEL).max(1))
        .map(<[_]>::to_vec)
        .collect();
    let joins = chunks.into_iter().map(|chunk| {
        let invites = invites.clone();
        async move {
            let mut http = Http::connect(addr).await?;
            for (i, user) in chunk {
                let code = &invites[i % servers];
                let r = http
                    .call(
                        "POST",
                        &format!("/invites/{code}/join"),
                        Some(&user.token),
                        None,
                    )
                    .await?;
                expect(r, 200, "join through an invite")?;
            }
            Ok::<(), String>(())
        }
    });
    try_join_all(joins).await?;
    for i in servers..users.len() {
        made[i % servers].members += 1;
    }
    Ok(World {
        users,
        servers: made,
    })
}

async fn signup_all(addr: SocketAddr, tag: &str, n: usize) -> Result<Vec<User>, String> {
    let per = n.div_ceil(PARALLEL).max(1);
    let tasks = (0..n).step_by(per).map(|start| async move {
        let mut http = Http::connect(addr).await?;
        let mut users = Vec::new();
        for i in start..(start + per).min(n) {
            let body = json!({"username": username(tag, i), "password": PASSWORD});
            let r = http.call("POST", "/auth/signup", None, Some(&body)).await?;
            let r = expect(r, 201, "sign up")?;
            users.push(User {
                token: field(&r, "access_token")?,
            });
        }
        Ok::<_, String>(users)
    });
    Ok(try_join_all(tasks).await?.into_iter().flatten().collect())
}

async fn create_server(
    http: &mut Http,
    owner: &User,
    name: &str,
) -> Result<(String, String), String> {
    let body = json!({"name": name});
    let r = http
        .call("POST", "/servers", Some(&owner.token), Some(&body))
        .await?;
    let server = expect(r, 201, "create a server")?;
    let id = field(&server, "id")?;
    let r = http
        .call("GET", &format!("/servers/{id}"), Some(&owner.token), None)
        .await?;
    let details = expect(r, 200, "read a server")?;
    let channel = details["channels"][0]["id"]
        .as_str()
        .ok_or("a new server has a channel")?
        .to_owned();
    Ok((id, channel))
}

fn field(v: &Value, name: &str) -> Result<String, String> {
    v[name]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| format!("no {name:?} in {v}"))
}
