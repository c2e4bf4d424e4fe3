//! The routing table: which gateway sessions exist, whose they are, and
//! which servers their users belong to.
//!
//! Only users with at least one gateway session are tracked. A user's
//! servers are loaded when a session becomes ready and then kept current
//! from the events themselves (joins, leaves, deletions), so routing an
//! event never touches storage. Each tracked user's membership changes are
//! counted, so a server list read from storage can be merged only if no
//! join or leave was routed while it was being read (else it may be stale).

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
    /// Joins, leaves and deletions routed for this user so far.
    changes: u64,
}

/// See the module doc.
#[derive(Debug, Default)]
pub(crate) struct Registry {
    sessions: HashMap<Uuid, Arc<GatewaySession>>,
    users: HashMap<UserId, UserEntry>,
    servers: HashMap<ServerId, HashSet<UserId>>,
}

impl Registry {
    /// Adds a new session of `user` unless they hold `cap` already
    /// (`false`: not added). One step under the caller's write lock, so
    /// racing identifies cannot all pass the count.
    pub(crate) fn insert_within(
        &mut self,
        user: UserId,
        session: Arc<GatewaySession>,
        cap: usize,
    ) -> bool {
        let entry = self.users.entry(user).or_default();
        if entry.sessions.len() >= cap {
            if entry.sessions.is_empty() {
                self.users.remove(&user);
            }
            return false;
        }
        entry.sessions.push(Arc::clone(&session));
        self.sessions.insert(session.id, session);
        true
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

    /// How many membership changes of `user` have been routed (0 for a
    /// user without a session). Read it before reading the user's servers
    /// from storage, and hand it to [`Registry::add_servers`].
    pub(crate) fn membership_version(&self, user: UserId) -> u64 {
        self.users.get(&user).map_or(0, |e| e.changes)
    }

    /// Records servers `user` belongs to, read from storage when
    /// [`Registry::membership_version`] was `version`. Refused (`false`)
    /// when a join or leave of the user was routed since: the list may be
    /// stale, read it again. A user with no session left has nothing to
    /// record (`true`).
    pub(crate) fn add_servers(
        &mut self,
        user: UserId,
        servers: impl IntoIterator<Item = ServerId>,
        version: u64,
    ) -> bool {
        let Some(entry) = self.users.get_mut(&user) else {
            return true;
        };
        if entry.changes != version {
            return false;
        }
        for server in servers {
            entry.servers.insert(server);
            self.servers.entry(server).or_default().insert(user);
        }
        true
    }

    /// `user` joined `server` (ignored for users without a session).
    pub(crate) fn join(&mut self, server: ServerId, user: UserId) {
        if let Some(entry) = self.users.get_mut(&user) {
            entry.changes += 1;
            entry.servers.insert(server);
            self.servers.entry(server).or_default().insert(user);
        }
    }

    /// `user` left `server`.
    pub(crate) fn leave(&mut self, server: ServerId, user: UserId) {
        if let Some(entry) = self.users.get_mut(&user) {
            entry.changes += 1;
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
                entry.changes += 1;
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
            Audience::Users(users) => {
                let mut seen = HashSet::new();
                for user in users.iter().filter(|u| seen.insert(**u)) {
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
        assert!(reg.insert_within(user, s, usize::MAX));
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
        reg.add_servers(alice, [s], 0);
        reg.add_servers(bob, [s], 0);
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
        reg.add_servers(alice, [s1, s2], 0);
        reg.add_servers(bob, [s1, s2], 0);
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
        reg.add_servers(alice, [s1, s2], 0);
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

    #[test]
    fn a_server_list_read_across_a_membership_change_is_refused() {
        let mut reg = Registry::default();
        let (alice, s1, s2) = (user(), server(), server());
        let id = session(&mut reg, alice);
        let version = reg.membership_version(alice);
        // While the list [s1, s2] was being read, alice left s2 and the
        // leave was routed: merging the stale list would route s2 again.
        reg.leave(s2, alice);
        assert!(!reg.add_servers(alice, [s1, s2], version));
        assert!(recipients(&reg, Audience::Server(s2)).is_empty());
        // Read again: the fresh list is merged.
        let version = reg.membership_version(alice);
        assert!(reg.add_servers(alice, [s1], version));
        assert_eq!(recipients(&reg, Audience::Server(s1)), vec![id]);
    }

    #[test]
    fn a_join_routed_before_the_list_is_merged_is_kept() {
        let mut reg = Registry::default();
        let (alice, s1, s2) = (user(), server(), server());
        let id = session(&mut reg, alice);
        let version = reg.membership_version(alice);
        reg.join(s2, alice);
        // The list read before the join is refused; the re-read has both.
        assert!(!reg.add_servers(alice, [s1], version));
        assert_eq!(recipients(&reg, Audience::Server(s2)), vec![id]);
        let version = reg.membership_version(alice);
        assert!(reg.add_servers(alice, [s1, s2], version));
        assert_eq!(recipients(&reg, Audience::Server(s1)), vec![id]);
    }
}
