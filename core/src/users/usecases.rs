use super::{Bio, CustomStatus, DisplayName, Password, User};
use crate::auth::Actor;
use crate::chat::Chat;
use crate::error::{Conflict, Error, Result};
use crate::events::{Audience, EventKind};
use crate::ids::UserId;
use crate::members::{member_updated, LeaveReason};
use crate::presence::{ShownStatus, Status};

/// A user as one viewer sees them: the stored account and the status
/// shown to that viewer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserView {
    /// The account.
    pub user: User,
    /// The status as the viewer sees it.
    pub status: ShownStatus,
}

impl UserView {
    /// The user as they see themself.
    pub fn of_self(user: User, connected: bool) -> Self {
        let status = user.status.shown_to(connected, true);
        Self { user, status }
    }
}

/// A user's profile as one viewer sees it (`GET /users/{id}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// The user and the status the viewer sees.
    pub view: UserView,
    /// How many messages they wrote: given to the user themself only (the
    /// account deletion dialog says how many go), `None` for others.
    pub message_count: Option<u64>,
}

/// Changes to one's profile; absent fields stay as they are.
#[derive(Debug, Clone, Default)]
pub struct ProfileChanges {
    /// A new shown name.
    pub display_name: Option<DisplayName>,
    /// A new bio.
    pub bio: Option<Bio>,
}

impl Chat {
    /// The caller's own account.
    pub async fn me(&self, actor: &Actor) -> Result<UserView> {
        let user = self.load_user(actor.user_id).await?;
        Ok(self.self_view(user))
    }

    /// Updates the caller's display name and bio; members of their servers
    /// see the change live.
    pub async fn update_profile(&self, actor: &Actor, changes: ProfileChanges) -> Result<UserView> {
        let current = self.load_user(actor.user_id).await?;
        let display_name = changes.display_name.unwrap_or(current.display_name);
        let bio = changes.bio.unwrap_or(current.bio);
        let user = self
            .deps
            .store
            .update_profile(actor.user_id, &display_name, &bio)
            .await?
            .ok_or(Error::Unauthenticated("this account no longer exists"))?;
        self.announce_member_changes(user.id).await?;
        Ok(self.self_view(user))
    }

    /// Another user's profile, for people who share a server with them (or
    /// the user themself); anyone else gets "not found", so the existence
    /// of an account is not revealed.
    pub async fn user_profile(&self, actor: &Actor, id: UserId) -> Result<Profile> {
        let store = &self.deps.store;
        let is_self = actor.user_id == id;
        if !is_self {
            let mine = store.memberships_of(actor.user_id).await?;
            let theirs = store.memberships_of(id).await?;
            let shared = theirs
                .iter()
                .any(|t| mine.iter().any(|m| m.server_id == t.server_id));
            if !shared && !self.direct_partners(actor.user_id).await?.contains(&id) {
                return Err(Error::NotFound("user"));
            }
        }
        // A deleted account has no profile, even for its old DM partners.
        let user = store
            .user_by_id(id)
            .await?
            .filter(|u| !u.is_deleted())
            .ok_or(Error::NotFound("user"))?;
        let connected = self.deps.presence.is_connected(id);
        let status = user.status.shown_to(connected, is_self);
        let message_count = if is_self {
            Some(store.count_messages_by(id).await?)
        } else {
            None
        };
        Ok(Profile {
            view: UserView { user, status },
            message_count,
        })
    }

    /// Sets (`Some`) or clears (`None`) the caller's custom status text;
    /// members of their servers see it in the profile card.
    pub async fn set_custom_status(
        &self,
        actor: &Actor,
        custom_status: Option<CustomStatus>,
    ) -> Result<UserView> {
        let user = self
            .deps
            .store
            .set_custom_status(actor.user_id, custom_status.as_ref())
            .await?
            .ok_or(Error::Unauthenticated("this account no longer exists"))?;
        Ok(self.self_view(user))
    }

    /// Sets the caller's chosen status (online, away, dnd, invisible) and
    /// tells the members of their servers what they now see.
    pub async fn set_status(&self, user_id: UserId, status: Status) -> Result<UserView> {
        if !self.deps.store.set_status(user_id, status).await? {
            return Err(Error::Unauthenticated("this account no longer exists"));
        }
        let user = self.load_user(user_id).await?;
        self.announce_presence(&user).await?;
        Ok(self.self_view(user))
    }

    /// Deletes the caller's account: their personal data, sessions and
    /// memberships go, their groups are left (ownership passes on as when
    /// they leave), and a tombstone keeps their id so the messages they
    /// wrote stay, shown as "Deleted user" (decisions.md). Refused with
    /// `owns_servers` while they own a server.
    pub async fn delete_account(&self, actor: &Actor, password: &Password) -> Result<()> {
        // The password again (API.md): a wrong one is 422 on `password`,
        // checked before anything else so nothing is revealed without it.
        self.check_password(actor, password, "password").await?;
        let store = &self.deps.store;
        if store.count_owned_by(actor.user_id).await? > 0 {
            return Err(Conflict::OwnsServers.into());
        }
        let user = self.load_user(actor.user_id).await?;
        let memberships = store.memberships_of(actor.user_id).await?;
        self.leave_groups(actor).await?;
        // The avatar is personal data: its file goes too (the tombstone has none).
        self.remove_picture(crate::pictures::PictureOf::User(actor.user_id))
            .await?;
        store.erase_user(&user.tombstone()).await?;
        self.announce_revoked(actor.user_id, None);
        for m in memberships {
            self.publish(
                Audience::Server(m.server_id),
                EventKind::MemberLeft {
                    server_id: m.server_id,
                    user_id: actor.user_id,
                    reason: LeaveReason::Left,
                },
            );
        }
        Ok(())
    }

    /// The gateway reports that `user` opened a connection; when it is
    /// their first, members of their servers see them come online.
    pub async fn connection_opened(&self, user_id: UserId) -> Result<()> {
        if self.deps.presence.connect(user_id) {
            let user = self.load_user(user_id).await?;
            self.announce_presence(&user).await?;
        }
        Ok(())
    }

    /// The gateway reports that one of `user`'s connections closed (after
    /// its grace period); when it was the last, they go offline.
    pub async fn connection_closed(&self, user_id: UserId) -> Result<()> {
        if self.deps.presence.disconnect(user_id) {
            if let Some(user) = self.deps.store.user_by_id(user_id).await? {
                self.announce_presence(&user).await?;
            }
        }
        Ok(())
    }

    /// `user`'s connections held by another instance of a cluster ended
    /// without a close (that instance died and its presence expired): when
    /// they are connected nowhere now, members see them go offline.
    pub async fn connections_lost(&self, user_id: UserId) -> Result<()> {
        if self.deps.presence.is_connected(user_id) {
            return Ok(());
        }
        if let Some(user) = self.deps.store.user_by_id(user_id).await? {
            self.announce_presence(&user).await?;
        }
        Ok(())
    }

    /// The acting user's account; a deleted one (its tombstone) no
    /// longer acts.
    pub(crate) async fn load_user(&self, id: UserId) -> Result<User> {
        self.deps
            .store
            .user_by_id(id)
            .await?
            .filter(|u| !u.is_deleted())
            .ok_or(Error::Unauthenticated("this account no longer exists"))
    }

    pub(crate) fn self_view(&self, user: User) -> UserView {
        let connected = self.deps.presence.is_connected(user.id);
        UserView::of_self(user, connected)
    }

    /// Publishes the user's status: as others see it to their co-members,
    /// and as they see it themself to their own connections.
    async fn announce_presence(&self, user: &User) -> Result<()> {
        let connected = self.deps.presence.is_connected(user.id);
        let servers = self.deps.store.memberships_of(user.id).await?;
        let servers = servers.into_iter().map(|m| m.server_id).collect();
        let to_others = user.status.shown_to(connected, false);
        let to_self = user.status.shown_to(connected, true);
        self.publish(
            Audience::CoMembers {
                servers,
                except: user.id,
            },
            EventKind::PresenceUpdated {
                user_id: user.id,
                status: to_others,
            },
        );
        self.publish(
            Audience::User(user.id),
            EventKind::PresenceUpdated {
                user_id: user.id,
                status: to_self,
            },
        );
        // DM partners see each other's presence too (those who also share a
        // server may hear it twice; the state is the same).
        let partners = self.direct_partners(user.id).await?;
        if !partners.is_empty() {
            self.publish(
                Audience::Users(partners),
                EventKind::PresenceUpdated {
                    user_id: user.id,
                    status: to_others,
                },
            );
        }
        Ok(())
    }

    /// Publishes `member.updated` in every server of the user (after a
    /// profile change).
    pub(crate) async fn announce_member_changes(&self, user_id: UserId) -> Result<()> {
        for m in self.deps.store.memberships_of(user_id).await? {
            if let Some(server) = self.deps.store.server_by_id(m.server_id).await? {
                self.announce_member(&server, m, member_updated).await?;
            }
        }
        Ok(())
    }
}
