//! What one instance's hub tells the others' (see `chat_core::cluster`).
//!
//! A [`Dispatch`] is an event as the gateway acts on it: who receives it,
//! how it changes the routing table, and either the rendered frame or the
//! sessions to close. It is built the same way for every event kind (the
//! frame is chat-wire's rendering, whatever the kind), so a new kind
//! crosses instances unchanged. On the bus it travels as JSON.

use std::sync::Arc;

use chat_core::events::{Audience, Event, EventKind};
use chat_core::ids::{ServerId, SessionId, UserId};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::frame::Rendered;

/// How an event changes the routing table (see `chat_core::events`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Routing {
    /// Add the user to the server before delivering.
    Join(ServerId, UserId),
    /// Remove the user from the server after delivering.
    Leave(ServerId, UserId),
    /// Forget the server after delivering.
    Drop(ServerId),
}

/// What to do with the recipients.
#[derive(Debug, Clone)]
pub(crate) enum Body {
    /// Send them this frame.
    Frame(Arc<Rendered>),
    /// Close (4003) and end these sessions of the user (all when `None`).
    Revoke(UserId, Option<SessionId>),
}

/// An event as the gateway acts on it.
#[derive(Debug, Clone)]
pub(crate) struct Dispatch {
    pub audience: Audience,
    pub routing: Option<Routing>,
    pub body: Body,
}

impl Dispatch {
    /// The dispatch of a published event; `None` when it has no
    /// client-visible form or cannot be rendered.
    pub(crate) fn of(event: Event) -> Option<Self> {
        if let EventKind::SessionsRevoked {
            user_id,
            session_id,
        } = event.kind
        {
            return Some(Self {
                audience: Audience::User(user_id),
                routing: None,
                body: Body::Revoke(user_id, session_id),
            });
        }
        let routing = match &event.kind {
            EventKind::MemberJoined { server_id, member } => {
                Some(Routing::Join(*server_id, member.user_id))
            }
            EventKind::MemberLeft {
                server_id, user_id, ..
            } => Some(Routing::Leave(*server_id, *user_id)),
            EventKind::ServerDeleted { server_id } => Some(Routing::Drop(*server_id)),
            _ => None,
        };
        let payload = chat_wire::event_payload(&event.kind)?;
        let Some(rendered) = Rendered::new(&payload) else {
            tracing::error!(kind = payload.kind, "could not render an event");
            return None;
        };
        Some(Self {
            audience: event.audience,
            routing,
            body: Body::Frame(Arc::new(rendered)),
        })
    }

    /// The bus message: `instance` (the sender's id) and the dispatch.
    pub(crate) fn encode(&self) -> Option<Vec<u8>> {
        let wire = Wire {
            audience: match &self.audience {
                Audience::Server(s) => WireAudience::Server(s.as_uuid()),
                Audience::User(u) => WireAudience::User(u.as_uuid()),
                Audience::CoMembers { servers, except } => WireAudience::CoMembers {
                    servers: servers.iter().map(|s| s.as_uuid()).collect(),
                    except: except.as_uuid(),
                },
                Audience::Users(users) => {
                    WireAudience::Users(users.iter().map(|u| u.as_uuid()).collect())
                }
            },
            routing: self.routing.map(|r| match r {
                Routing::Join(s, u) => WireRouting::Join(s.as_uuid(), u.as_uuid()),
                Routing::Leave(s, u) => WireRouting::Leave(s.as_uuid(), u.as_uuid()),
                Routing::Drop(s) => WireRouting::Drop(s.as_uuid()),
            }),
            body: match &self.body {
                Body::Frame(r) => {
                    let (text, split) = r.parts();
                    WireBody::Frame {
                        text: text.to_owned(),
                        split,
                    }
                }
                Body::Revoke(u, s) => WireBody::Revoke {
                    user: u.as_uuid(),
                    session: s.map(|s| s.as_uuid()),
                },
            },
        };
        serde_json::to_vec(&wire).ok()
    }

    /// Reads a bus message; `None` when it is not one this version
    /// understands (logged by the caller).
    pub(crate) fn decode(bytes: &[u8]) -> Option<Self> {
        let wire: Wire = serde_json::from_slice(bytes).ok()?;
        let audience = match wire.audience {
            WireAudience::Server(s) => Audience::Server(ServerId::from_uuid(s)),
            WireAudience::User(u) => Audience::User(UserId::from_uuid(u)),
            WireAudience::CoMembers { servers, except } => Audience::CoMembers {
                servers: servers.into_iter().map(ServerId::from_uuid).collect(),
                except: UserId::from_uuid(except),
            },
            WireAudience::Users(users) => {
                Audience::Users(users.into_iter().map(UserId::from_uuid).collect())
            }
        };
        let routing = wire.routing.map(|r| match r {
            WireRouting::Join(s, u) => Routing::Join(ServerId::from_uuid(s), UserId::from_uuid(u)),
            WireRouting::Leave(s, u) => {
                Routing::Leave(ServerId::from_uuid(s), UserId::from_uuid(u))
            }
            WireRouting::Drop(s) => Routing::Drop(ServerId::from_uuid(s)),
        });
        let body = match wire.body {
            WireBody::Frame { text, split } => {
                Body::Frame(Arc::new(Rendered::from_parts(text, split)?))
            }
            WireBody::Revoke { user, session } => {
                Body::Revoke(UserId::from_uuid(user), session.map(SessionId::from_uuid))
            }
        };
        Some(Self {
            audience,
            routing,
            body,
        })
    }
}

#[derive(Serialize, Deserialize)]
struct Wire {
    #[serde(rename = "a")]
    audience: WireAudience,
    #[serde(rename = "r", default, skip_serializing_if = "Option::is_none")]
    routing: Option<WireRouting>,
    #[serde(rename = "b")]
    body: WireBody,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum WireAudience {
    Server(#[serde(with = "text_uuid")] Uuid),
    User(#[serde(with = "text_uuid")] Uuid),
    CoMembers {
        #[serde(with = "text_uuids")]
        servers: Vec<Uuid>,
        #[serde(with = "text_uuid")]
        except: Uuid,
    },
    Users(#[serde(with = "text_uuids")] Vec<Uuid>),
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum WireRouting {
    Join(
        #[serde(with = "text_uuid")] Uuid,
        #[serde(with = "text_uuid")] Uuid,
    ),
    Leave(
        #[serde(with = "text_uuid")] Uuid,
        #[serde(with = "text_uuid")] Uuid,
    ),
    Drop(#[serde(with = "text_uuid")] Uuid),
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum WireBody {
    Frame {
        text: String,
        split: usize,
    },
    Revoke {
        #[serde(with = "text_uuid")]
        user: Uuid,
        #[serde(with = "opt_text_uuid", default)]
        session: Option<Uuid>,
    },
}

mod text_uuid {
    use serde::{Deserialize, Deserializer, Serializer};
    use uuid::Uuid;

    pub fn serialize<S: Serializer>(id: &Uuid, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&id.hyphenated())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Uuid, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Uuid::parse_str(&text).map_err(serde::de::Error::custom)
    }
}

mod text_uuids {
    use serde::{Deserialize, Deserializer, Serializer};
    use uuid::Uuid;

    pub fn serialize<S: Serializer>(ids: &[Uuid], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(ids.iter().map(|id| id.hyphenated().to_string()))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Uuid>, D::Error> {
        let texts = Vec::<String>::deserialize(d)?;
        texts
            .iter()
            .map(|t| Uuid::parse_str(t).map_err(serde::de::Error::custom))
            .collect()
    }
}

mod opt_text_uuid {
    use serde::{Deserialize, Deserializer, Serializer};
    use uuid::Uuid;

    pub fn serialize<S: Serializer>(id: &Option<Uuid>, s: S) -> Result<S::Ok, S::Error> {
        match id {
            Some(id) => s.collect_str(&id.hyphenated()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Uuid>, D::Error> {
        let text = Option::<String>::deserialize(d)?;
        text.map(|t| Uuid::parse_str(&t).map_err(serde::de::Error::custom))
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chat_core::members::LeaveReason;

    fn id() -> Uuid {
        Uuid::now_v7()
    }

    #[test]
    fn a_dispatch_survives_the_bus() {
        let (server, user) = (ServerId::from_uuid(id()), UserId::from_uuid(id()));
        let event = Event {
            audience: Audience::Server(server),
            kind: EventKind::MemberLeft {
                server_id: server,
                user_id: user,
                reason: LeaveReason::Banned,
            },
        };
        let sent = Dispatch::of(event).unwrap();
        let got = Dispatch::decode(&sent.encode().unwrap()).unwrap();
        assert_eq!(got.audience, Audience::Server(server));
        assert_eq!(got.routing, Some(Routing::Leave(server, user)));
        let (Body::Frame(a), Body::Frame(b)) = (&sent.body, &got.body) else {
            panic!("not a frame");
        };
        assert_eq!(a.frame(7), b.frame(7));
        assert!(b.frame(7).contains("\"type\":\"member.left\",\"seq\":7"));
    }

    #[test]
    fn revocations_and_co_member_audiences_survive_the_bus() {
        let (user, session) = (UserId::from_uuid(id()), SessionId::from_uuid(id()));
        let servers = vec![ServerId::from_uuid(id()), ServerId::from_uuid(id())];
        let sent = Dispatch {
            audience: Audience::CoMembers {
                servers: servers.clone(),
                except: user,
            },
            routing: None,
            body: Body::Revoke(user, Some(session)),
        };
        let got = Dispatch::decode(&sent.encode().unwrap()).unwrap();
        assert_eq!(
            got.audience,
            Audience::CoMembers {
                servers,
                except: user
            }
        );
        assert!(matches!(got.body, Body::Revoke(u, Some(s)) if u == user && s == session));
    }

    #[test]
    fn garbage_and_bad_splits_are_refused() {
        assert!(Dispatch::decode(b"not json").is_none());
        let user = id().hyphenated().to_string();
        let bad =
            format!(r#"{{"a":{{"user":"{user}"}},"b":{{"frame":{{"text":"é","split":1}}}}}}"#);
        assert!(Dispatch::decode(bad.as_bytes()).is_none());
        let beyond =
            format!(r#"{{"a":{{"user":"{user}"}},"b":{{"frame":{{"text":"ab","split":9}}}}}}"#);
        assert!(Dispatch::decode(beyond.as_bytes()).is_none());
    }
}
