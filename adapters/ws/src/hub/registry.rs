//! The routing table: which gateway sessions exist, whose they are, and
//! which servers their users belong to.
//!
//! Only users with at least one gateway session are tracked. A user's
//! servers are loaded when a session becomes ready and then kept current
//! from the events themselves (joins, leaves, deletions), so routing an
//! event never touches storage.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use chat_core::events::Audience;
use chat_core::ids::{ServerId, UserId};
use uuid::Uuid;

use super::session::GatewaySession;

#[derive(Debug, Default)]
struct UserEntry {
    sessions: Vec<Arc<GatewaySession>>,
    servers: HashSet<ServerId>,
}

/// See the module doc.
#[derive(Debug, Default)]
pub(crate) struct Registry {
    sessions: HashMap<Uuid, Arc<GatewaySession>>,
    users: HashMap<UserId, UserEntry>,
    servers: HashMap<ServerId, HashSet<UserId>>,
}

impl Registry {
    /// Adds a new session of `user`.
    pub(crate) fn insert(&mut self, user: UserId, session: Arc<GatewaySession>) {
        self.sessions.insert(session.id, Arc::clone(&session));
        self.users.entry(user).or_default().sessions.push(session);
    }

    /// The session with this id, if it still exists.
    pub(crate) fn get(&self, id: Uuid) -> Option<&Arc<GatewaySession>> {
        self.sessions.get(&id)
    }

    /// Forgets a session; with its user's last one, forgets the user.
    pub(crate) fn remove(&mut self, user: UserId, id: Uuid) {
        self.sessions.remove(&id);
        let Some(entry) = self.users.get_mut(&user) else {
            return;
        };
        entry.sessions.retain(|s| s.id != id);
        if !entry.sessions.is_empty() {
            return;
        }
        if let Some(entry) = self.users.remove(&user) {
            for server in entry.servers {
                self.leave(server, user);
            }
        }
    }

    /// Records servers `user` belongs to (from the ready snapshot).
    pub(crate) fn add_servers(
        &mut self,
        user: UserId,
        servers: impl IntoIterator<Item = ServerId>,
    ) {
        for server in servers {
            self.join(server, user);
        }
    }

    /// `user` joined `server` (ignored for users without a session).
    pub(crate) fn join(&mut self, server: ServerId, user: UserId) {
        if let Some(entry) = self.users.get_mut(&user) {
            entry.servers.insert(server);
            self.servers.entry(server).or_default().insert(user);
        }
    }

    /// `user` left `server`.
    pub(crate) fn leave(&mut self, server: ServerId, user: UserId) {
        if let Some(entry) = self.users.get_mut(&user) {
            entry.servers.remove(&server);
        }
        if let Some(members) = self.servers.get_mut(&server) {
            members.remove(&user);
            if members.is_empty() {
                self.servers.remove(&server);
            }
        }
    }

    /// `server` is gone.
    pub(crate) fn drop_server(&mut self, server: ServerId) {
        for user in self.servers.remove(&server).unwrap_or_default() {
            if let Some(entry) = self.users.get_mut(&user) {
                entry.servers.remove(&server);
            }
        }
    }

    /// Every session of `user`.
    pub(crate) fn sessions_of(&self, user: UserId) -> &[Arc<GatewaySession>] {
        self.users.get(&user).map_or(&[], |e| &e.sessions)
    }

    /// Every session.
    pub(crate) fn all(&self) -> impl Iterator<Item = &Arc<GatewaySession>> {
        self.sessions.values()
    }

    /// Calls `f` once for each session the audience names.
    pub(crate) fn for_each_recipient(
        &self,
        audience: &Audience,
        mut f: impl FnMut(&Arc<GatewaySession>),
    ) {
        match audience {
            Audience::User(user) => self.sessions_of(*user).iter().for_each(f),
            Audience::Server(server) => {
                for user in self.servers.get(server).into_iter().flatten() {
                    self.sessions_of(*user).iter().for_each(&mut f);
                }
            }
            Audience::CoMembers { servers, except } => {
                let mut users = HashSet::new();
                let members = servers.iter().filter_map(|s| self.servers.get(s)).flatten();
                for user in members.filter(|u| *u != except) {
                    if users.insert(*user) {
                        self.sessions_of(*user).iter().for_each(&mut f);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hub::session::{Outlet, Signal};
    use chat_core::auth::Actor;
    use chat_core::ids::SessionId;

    fn user() -> UserId {
        UserId::from_uuid(Uuid::now_v7())
    }

    fn server() -> ServerId {
        ServerId::from_uuid(Uuid::now_v7())
    }

    fn session(reg: &mut Registry, user: UserId) -> Uuid {
        let outlet = Outlet {
            conn: 0,
            signal: Arc::new(Signal::default()),
        };
        let actor = Actor {
            user_id: user,
            session_id: SessionId::from_uuid(Uuid::now_v7()),
        };
        let s = Arc::new(GatewaySession::new(Uuid::new_v4(), actor, outlet));
        let id = s.id;
        reg.insert(user, s);
        id
    }

    fn recipients(reg: &Registry, audience: Audience) -> Vec<Uuid> {
        let mut ids = Vec::new();
        reg.for_each_recipient(&audience, |s| ids.push(s.id));
        ids.sort();
        ids
    }

    fn sorted(mut ids: Vec<Uuid>) -> Vec<Uuid> {
        ids.sort();
        ids
    }

    #[test]
    fn server_events_reach_every_session_of_every_member_and_nobody_else() {
        let mut reg = Registry::default();
        let (alice, bob, eve, s) = (user(), user(), user(), server());
        let a1 = session(&mut reg, alice);
        let a2 = session(&mut reg, alice);
        let b = session(&mut reg, bob);
        session(&mut reg, eve);
        reg.add_servers(alice, [s]);
        reg.add_servers(bob, [s]);
        assert_eq!(
            recipients(&reg, Audience::Server(s)),
            sorted(vec![a1, a2, b])
        );
    }

    #[test]
    fn co_members_hear_once_and_the_actor_not_at_all() {
        let mut reg = Registry::default();
        let (alice, bob, s1, s2) = (user(), user(), server(), server());
        session(&mut reg, alice);
        let b = session(&mut reg, bob);
        reg.add_servers(alice, [s1, s2]);
        reg.add_servers(bob, [s1, s2]);
        let audience = Audience::CoMembers {
            servers: vec![s1, s2],
            except: alice,
        };
        assert_eq!(recipients(&reg, audience), vec![b]);
    }

    #[test]
    fn leaving_and_deleting_stop_delivery() {
        let mut reg = Registry::default();
        let (alice, s1, s2) = (user(), server(), server());
        session(&mut reg, alice);
        reg.add_servers(alice, [s1, s2]);
        reg.leave(s1, alice);
        reg.drop_server(s2);
        assert!(recipients(&reg, Audience::Server(s1)).is_empty());
        assert!(recipients(&reg, Audience::Server(s2)).is_empty());
    }

    #[test]
    fn users_without_sessions_are_not_tracked() {
        let mut reg = Registry::default();
        let (alice, s) = (user(), server());
        reg.join(s, alice);
        let id = session(&mut reg, alice);
        assert!(recipients(&reg, Audience::Server(s)).is_empty());
        reg.join(s, alice);
        assert_eq!(recipients(&reg, Audience::Server(s)), vec![id]);
        reg.remove(alice, id);
        assert!(recipients(&reg, Audience::Server(s)).is_empty());
        assert!(reg.servers.is_empty() && reg.users.is_empty());
    }
}
