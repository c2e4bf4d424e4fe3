//! Frames: parsing what clients send, and writing what the server sends.
//!
//! Every frame is JSON text `{"type": "...", "data": {...}}`. Text that is
//! not JSON is a protocol violation (close 4002); JSON of an unknown type
//! or with bad `data` is answered with an `error` frame, so a client with
//! a newer protocol version is told rather than dropped.
//!
//! Events are rendered once per publish into a [`Rendered`] that every
//! recipient shares; each socket only splices its own `seq` in.

use std::fmt::Write as _;

use chat_core::ids::ChannelId;
use chat_core::presence::Status;
use chat_wire::{
    DirectChannelDto, EventPayload, NotificationSettingsDto, ReadStateDto, ServerDto, UserDto,
};
use serde::Serialize;
use serde_json::Value;
use uuid::Uuid;

/// A frame from a client, parsed and validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ClientFrame {
    /// `identify {token}`: start a new gateway session.
    Identify { token: String },
    /// `resume {token, session_id, seq}`: continue a dropped one. With a
    /// `session_id` or `seq` that names no point to resume from, `session`
    /// is `None`: the answer is `invalid_session`, as for any session that
    /// cannot be resumed (the token still decides 4001).
    Resume {
        token: String,
        session: Option<(Uuid, u64)>,
    },
    /// `heartbeat` (data optional).
    Heartbeat,
    /// `typing.start {channel_id}`.
    TypingStart { channel_id: ChannelId },
    /// `presence.set {status}`.
    PresenceSet { status: Status },
}

/// Why a client frame was not understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FrameError {
    /// Not JSON text at all: close with 4002.
    NotJson,
    /// JSON, but not a frame we know: answer with an `error` frame.
    Invalid(ErrorFrame),
}

/// The content of an `error` frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ErrorFrame {
    /// An API.md error code.
    pub code: &'static str,
    /// For a person.
    pub message: String,
    /// The field at fault, for `validation_failed`.
    pub field: Option<&'static str>,
}

impl ErrorFrame {
    /// A `bad_request` error: the frame's shape is wrong.
    pub(crate) fn bad_request(message: impl Into<String>) -> Self {
        Self {
            code: "bad_request",
            message: message.into(),
            field: None,
        }
    }

    /// A use case's error, mapped to its API code (internals never leak).
    pub(crate) fn from_core(e: &chat_core::Error) -> Self {
        let (message, field) = match e {
            chat_core::Error::Storage(_) => ("internal error".to_owned(), None),
            chat_core::Error::Validation(v) => (v.to_string(), Some(v.field)),
            other => (other.to_string(), None),
        };
        Self {
            code: e.code(),
            message,
            field,
        }
    }

    fn validation(e: chat_core::ValidationError) -> Self {
        Self::from_core(&chat_core::Error::Validation(e))
    }
}

/// Parses one text frame from a client.
pub(crate) fn parse(text: &str) -> Result<ClientFrame, FrameError> {
    let value: Value = serde_json::from_str(text).map_err(|_| FrameError::NotJson)?;
    let kind = value
        .get("type")
        .and_then(Value::as_str)
        .ok_or_else(|| invalid("a frame is an object with a string \"type\""))?;
    let data = value.get("data").unwrap_or(&Value::Null);
    match kind {
        "identify" => Ok(ClientFrame::Identify {
            token: string(data, "token")?,
        }),
        "resume" => parse_resume(data),
        "heartbeat" => Ok(ClientFrame::Heartbeat),
        "typing.start" => {
            let text = string(data, "channel_id")?;
            let channel_id = ChannelId::parse(&text, "channel_id")
                .map_err(|e| FrameError::Invalid(ErrorFrame::validation(e)))?;
            Ok(ClientFrame::TypingStart { channel_id })
        }
        "presence.set" => {
            let status = Status::parse(&string(data, "status")?)
                .map_err(|e| FrameError::Invalid(ErrorFrame::validation(e)))?;
            Ok(ClientFrame::PresenceSet { status })
        }
        other => Err(invalid(format!("unknown frame type {other:?}"))),
    }
}

fn parse_resume(data: &Value) -> Result<ClientFrame, FrameError> {
    let token = string(data, "token")?;
    let session_id = data
        .get("session_id")
        .and_then(Value::as_str)
        .and_then(|text| Uuid::parse_str(text).ok());
    let seq = data.get("seq").and_then(Value::as_u64);
    Ok(ClientFrame::Resume {
        token,
        session: session_id.zip(seq),
    })
}

fn string(data: &Value, field: &str) -> Result<String, FrameError> {
    data.get(field)
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| invalid(format!("\"data.{field}\" must be a string")))
}

fn invalid(message: impl Into<String>) -> FrameError {
    FrameError::Invalid(ErrorFrame::bad_request(message))
}

/// `hello {heartbeat_interval_ms}`.
pub(crate) fn hello(heartbeat_interval_ms: u128) -> String {
    control(
        "hello",
        &Hello {
            heartbeat_interval_ms,
        },
    )
}

/// `ready {session_id, user, servers, read_states, notification_settings}`.
pub(crate) fn ready(
    session_id: Uuid,
    user: &UserDto,
    servers: &[ServerDto],
    read_states: &[ReadStateDto],
    notification_settings: &NotificationSettingsDto,
    direct_channels: &[DirectChannelDto],
) -> String {
    let data = Ready {
        session_id: session_id.to_string(),
        user,
        servers,
        read_states,
        notification_settings,
        direct_channels,
    };
    control("ready", &data)
}

/// `resumed {session_id, replayed}`: every missed event has been sent.
pub(crate) fn resumed(session_id: Uuid, replayed: usize) -> String {
    let data = Resumed {
        session_id: session_id.to_string(),
        replayed,
    };
    control("resumed", &data)
}

/// `invalid_session`: the session cannot be resumed; identify again.
pub(crate) fn invalid_session() -> String {
    control("invalid_session", &InvalidSession { resumable: false })
}

/// `heartbeat_ack`.
pub(crate) fn heartbeat_ack() -> String {
    control("heartbeat_ack", &Empty {})
}

/// `error {code, message, details?}`.
pub(crate) fn error(e: &ErrorFrame) -> String {
    let data = ErrorData {
        code: e.code,
        message: &e.message,
        details: e.field.map(|field| ErrorDetails { field }),
    };
    control("error", &data)
}

/// A frame without `seq`. Serializing these plain structs cannot fail.
fn control<T: Serialize>(kind: &str, data: &T) -> String {
    serde_json::to_string(&Control { kind, data }).unwrap_or_default()
}

/// `{"type", "data"}` of a control frame (`docs/asyncapi.yaml`).
#[derive(Serialize)]
struct Control<'a, T> {
    #[serde(rename = "type")]
    kind: &'a str,
    data: &'a T,
}

#[derive(Serialize)]
struct Hello {
    heartbeat_interval_ms: u128,
}

#[derive(Serialize)]
struct Ready<'a> {
    session_id: String,
    user: &'a UserDto,
    servers: &'a [ServerDto],
    read_states: &'a [ReadStateDto],
    notification_settings: &'a NotificationSettingsDto,
    direct_channels: &'a [DirectChannelDto],
}

#[derive(Serialize)]
struct Resumed {
    session_id: String,
    replayed: usize,
}

#[derive(Serialize)]
struct InvalidSession {
    resumable: bool,
}

#[derive(Serialize)]
struct Empty {}

#[derive(Serialize)]
struct ErrorData<'a> {
    code: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    details: Option<ErrorDetails>,
}

#[derive(Serialize)]
struct ErrorDetails {
    field: &'static str,
}

/// An event rendered once for all its recipients: the frame's text with a
/// gap where each recipient's `seq` goes.
#[derive(Debug)]
pub(crate) struct Rendered {
    text: String,
    /// Where the `seq` digits go.
    split: usize,
}

impl Rendered {
    /// Renders `{"type":..,"seq":_,"data":..}` around the gap.
    pub(crate) fn new(payload: &EventPayload) -> Option<Self> {
        let data = serde_json::to_string(&payload.data).ok()?;
        let mut text = String::with_capacity(data.len() + payload.kind.len() + 32);
        // `kind` is one of chat-wire's fixed names: no escaping needed.
        text.push_str("{\"type\":\"");
        text.push_str(payload.kind);
        text.push_str("\",\"seq\":");
        let split = text.len();
        text.push_str(",\"data\":");
        text.push_str(&data);
        text.push('}');
        Some(Self { text, split })
    }

    /// The text with its gap, and where the gap is (for another instance).
    pub(crate) fn parts(&self) -> (&str, usize) {
        (&self.text, self.split)
    }

    /// A rendering another instance made (see [`Rendered::parts`]);
    /// `None` when the gap is not inside the text.
    pub(crate) fn from_parts(text: String, split: usize) -> Option<Self> {
        if split > text.len() || !text.is_char_boundary(split) {
            return None;
        }
        Some(Self { text, split })
    }

    /// The frame for one recipient.
    pub(crate) fn frame(&self, seq: u64) -> String {
        let mut out = String::with_capacity(self.text.len() + 20);
        out.push_str(&self.text[..self.split]);
        // Writing to a String cannot fail.
        let _ = write!(out, "{seq}");
        out.push_str(&self.text[self.split..]);
        out
    }

    /// The event's `type` (for logs and tests).
    #[cfg(test)]
    pub(crate) fn kind(&self) -> &str {
        let start = "{\"type\":\"".len();
        let end = self.text[start..].find('"').map_or(start, |i| start + i);
        &self.text[start..end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn not_json_is_a_protocol_violation() {
        assert_eq!(parse("{nope"), Err(FrameError::NotJson));
    }

    #[test]
    fn unknown_types_are_answered_not_closed() {
        let Err(FrameError::Invalid(e)) = parse(r#"{"type":"dance","data":{}}"#) else {
            panic!("expected an error frame");
        };
        assert_eq!(e.code, "bad_request");
    }

    #[test]
    fn heartbeat_data_is_optional() {
        assert_eq!(parse(r#"{"type":"heartbeat"}"#), Ok(ClientFrame::Heartbeat));
        assert_eq!(
            parse(r#"{"type":"heartbeat","data":{}}"#),
            Ok(ClientFrame::Heartbeat)
        );
    }

    #[test]
    fn a_bad_channel_id_is_a_validation_error_naming_the_field() {
        let Err(FrameError::Invalid(e)) =
            parse(r#"{"type":"typing.start","data":{"channel_id":"x"}}"#)
        else {
            panic!("expected an error frame");
        };
        assert_eq!((e.code, e.field), ("validation_failed", Some("channel_id")));
    }

    #[test]
    fn resume_needs_a_token_and_names_its_point_when_well_formed() {
        let id = Uuid::now_v7();
        let ok =
            format!(r#"{{"type":"resume","data":{{"token":"t","session_id":"{id}","seq":3}}}}"#);
        assert_eq!(
            parse(&ok),
            Ok(ClientFrame::Resume {
                token: "t".into(),
                session: Some((id, 3)),
            })
        );
        for unresumable in [
            r#"{"type":"resume","data":{"token":"t"}}"#,
            r#"{"type":"resume","data":{"token":"t","session_id":"bogus","seq":3}}"#,
            r#"{"type":"resume","data":{"token":"t","session_id":"0193","seq":-1}}"#,
        ] {
            let expected = Ok(ClientFrame::Resume {
                token: "t".into(),
                session: None,
            });
            assert_eq!(parse(unresumable), expected, "{unresumable}");
        }
        assert!(parse(r#"{"type":"resume","data":{"session_id":"x","seq":1}}"#).is_err());
    }

    #[test]
    fn rendered_events_splice_in_the_seq() {
        let payload = EventPayload {
            kind: "server.deleted",
            data: chat_wire::EventData::ServerDeleted(chat_wire::ServerDeletedDto {
                server_id: "s".into(),
            }),
        };
        let r = Rendered::new(&payload).unwrap();
        let v: Value = serde_json::from_str(&r.frame(42)).unwrap();
        assert_eq!(
            v,
            json!({"type": "server.deleted", "seq": 42, "data": {"server_id": "s"}})
        );
        assert_eq!(r.kind(), "server.deleted");
    }

    #[test]
    fn control_frames_carry_no_seq() {
        let v: Value = serde_json::from_str(&heartbeat_ack()).unwrap();
        assert_eq!(v, json!({"type": "heartbeat_ack", "data": {}}));
    }
}
