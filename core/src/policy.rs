//! The role policy: a pure function that says whether an actor may do an
//! action, from facts the use case has already loaded.
//!
//! Non-members are told "not found" (they may not even learn the server
//! exists); members without the role are told "forbidden".

use crate::role::Role;

/// Every action of API.md's endpoint table that depends on a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// See the server, its channels, members and history; write messages; type.
    Participate,
    /// Rename or describe the server.
    UpdateServer,
    /// Delete the server and all it holds.
    DeleteServer,
    /// Create, list and revoke invites.
    ManageInvites,
    /// Leave the server.
    Leave,
    /// Make a member admin or member.
    SetRole,
    /// Hand ownership to another member.
    TransferOwnership,
    /// Remove a member (who may rejoin).
    Kick,
    /// Remove a member (or keep a user out) until the ban ends.
    Ban,
    /// List bans and lift them.
    ManageBans,
    /// Create, update and delete channels.
    ManageChannels,
    /// Edit a message.
    EditMessage,
    /// Delete a message.
    DeleteMessage,
    /// Pin and unpin messages, remove all reactions of a message.
    ManageMessages,
    /// Read the server's audit log.
    ViewAuditLog,
    /// Time a member out (they can read but not write) or lift it.
    Timeout,
}

/// What the action is aimed at, where that matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Nothing beyond the server itself.
    Server,
    /// A user with this role in the server (`None`: not a member).
    User(Option<Role>),
    /// A message: its author's role (`None`: no longer a member) and
    /// whether the actor wrote it.
    Message {
        /// The author's current role in the server.
        author_role: Option<Role>,
        /// Whether the actor is the author.
        own: bool,
    },
}

/// Why an action is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denial {
    /// The actor is not a member: answer "not found".
    NotMember,
    /// The actor is a member without the rank needed.
    Forbidden,
    /// The owner may not leave their server.
    OwnerCannotLeave,
}

/// May an actor with role `actor` (`None`: not a member) do `action` to `target`?
pub fn authorize(actor: Option<Role>, action: Action, target: Target) -> Result<(), Denial> {
    let Some(actor) = actor else {
        return Err(Denial::NotMember);
    };
    let allowed = match action {
        Action::Participate => true,
        Action::Leave => {
            return if actor == Role::Owner {
                Err(Denial::OwnerCannotLeave)
            } else {
                Ok(())
            };
        }
        Action::UpdateServer
        | Action::ManageInvites
        | Action::ManageBans
        | Action::ManageChannels
        | Action::ManageMessages
        | Action::ViewAuditLog => actor >= Role::Admin,
        Action::DeleteServer | Action::SetRole | Action::TransferOwnership => actor == Role::Owner,
        Action::Kick | Action::Ban | Action::Timeout => {
            actor >= Role::Admin && outranks_target(actor, target)
        }
        Action::EditMessage => matches!(target, Target::Message { own: true, .. }),
        Action::DeleteMessage => match target {
            Target::Message { own: true, .. } => true,
            _ => actor >= Role::Admin && outranks_target(actor, target),
        },
    };
    if allowed {
        Ok(())
    } else {
        Err(Denial::Forbidden)
    }
}

/// The actor strictly outranks the target's role; someone who is not a
/// member (a past member, or an author who left) ranks as a member.
fn outranks_target(actor: Role, target: Target) -> bool {
    let target_role = match target {
        Target::Server => return false,
        Target::User(role) => role,
        Target::Message { author_role, .. } => author_role,
    };
    actor.outranks(target_role.unwrap_or(Role::Member))
}

#[cfg(test)]
mod tests {
    //! The whole matrix, written out as the spec says it, not derived from
    //! the code: one line per action, one letter per actor (and target).
    //! `Y` allowed, `F` forbidden, `L` owner cannot leave; non-members are
    //! checked separately for every action.
    use super::*;

    const ACTIONS: [Action; 16] = [
        Action::Participate,
        Action::UpdateServer,
        Action::DeleteServer,
        Action::ManageInvites,
        Action::Leave,
        Action::SetRole,
        Action::TransferOwnership,
        Action::Kick,
        Action::Ban,
        Action::ManageBans,
        Action::ManageChannels,
        Action::EditMessage,
        Action::DeleteMessage,
        Action::ManageMessages,
        Action::ViewAuditLog,
        Action::Timeout,
    ];
    const ROLES: [Role; 3] = [Role::Member, Role::Admin, Role::Owner];

    fn letter(r: Result<(), Denial>) -> char {
        match r {
            Ok(()) => 'Y',
            Err(Denial::Forbidden) => 'F',
            Err(Denial::OwnerCannotLeave) => 'L',
            Err(Denial::NotMember) => 'N',
        }
    }

    /// Actions aimed at the server: actor member, admin, owner.
    #[test]
    fn server_actions_by_actor_role() {
        let table = [
            (Action::Participate, "YYY"),
            (Action::UpdateServer, "FYY"),
            (Action::DeleteServer, "FFY"),
            (Action::ManageInvites, "FYY"),
            (Action::Leave, "YYL"),
            (Action::ManageBans, "FYY"),
            (Action::ManageChannels, "FYY"),
            (Action::ManageMessages, "FYY"),
            (Action::ViewAuditLog, "FYY"),
        ];
        for (action, expected) in table {
            let got: String = ROLES
                .iter()
                .map(|&actor| letter(authorize(Some(actor), action, Target::Server)))
                .collect();
            assert_eq!(got, expected, "{action:?}");
        }
    }

    /// Actions aimed at a user: rows are the actor (member, admin, owner),
    /// columns the target (not a member, member, admin, owner).
    #[test]
    fn user_actions_by_actor_and_target_role() {
        let table = [
            (Action::Kick, ["FFFF", "YYFF", "YYYF"]),
            (Action::Ban, ["FFFF", "YYFF", "YYYF"]),
            (Action::Timeout, ["FFFF", "YYFF", "YYYF"]),
            (Action::SetRole, ["FFFF", "FFFF", "YYYY"]),
            (Action::TransferOwnership, ["FFFF", "FFFF", "YYYY"]),
        ];
        let targets = [
            None,
            Some(Role::Member),
            Some(Role::Admin),
            Some(Role::Owner),
        ];
        for (action, rows) in table {
            for (actor, expected) in ROLES.iter().zip(rows) {
                let got: String = targets
                    .iter()
                    .map(|&t| letter(authorize(Some(*actor), action, Target::User(t))))
                    .collect();
                assert_eq!(got, expected, "{action:?} by {actor:?}");
            }
        }
    }

    /// Message actions: rows are the actor; columns are the author's role
    /// (left, member, admin, owner) for someone else's message, then the
    /// actor's own message.
    #[test]
    fn message_actions_by_actor_and_author_role() {
        let table = [
            (Action::EditMessage, ["FFFFY", "FFFFY", "FFFFY"]),
            (Action::DeleteMessage, ["FFFFY", "YYFFY", "YYYFY"]),
        ];
        let others = [
            None,
            Some(Role::Member),
            Some(Role::Admin),
            Some(Role::Owner),
        ];
        for (action, rows) in table {
            for (actor, expected) in ROLES.iter().zip(rows) {
                let mut got: String = others
                    .iter()
                    .map(|&author_role| {
                        letter(authorize(
                            Some(*actor),
                            action,
                            Target::Message {
                                author_role,
                                own: false,
                            },
                        ))
                    })
                    .collect();
                let own = Target::Message {
                    author_role: Some(*actor),
                    own: true,
                };
                got.push(letter(authorize(Some(*actor), action, own)));
                assert_eq!(got, expected, "{action:?} by {actor:?}");
            }
        }
    }

    #[test]
    fn non_members_are_not_found_for_every_action_and_target() {
        let targets = [
            Target::Server,
            Target::User(None),
            Target::User(Some(Role::Member)),
            Target::Message {
                author_role: Some(Role::Member),
                own: true,
            },
        ];
        for action in ACTIONS {
            for target in targets {
                assert_eq!(
                    authorize(None, action, target),
                    Err(Denial::NotMember),
                    "{action:?}"
                );
            }
        }
    }
}
