//! Every frame the gateway can send matches `docs/asyncapi.yaml`: one sample
//! of each event kind (through chat-wire and the gateway's own rendering,
//! `seq` spliced in) and of each control frame, validated against the
//! document's JSON Schemas with formats (`uuid`, `date-time`) checked.
//!
//! `sample_events` matches `EventKind` exhaustively, so a new event kind
//! does not compile until it has a sample here, and so a schema.

use chat_core::channels::{Channel, ChannelName, Topic};
use chat_core::events::EventKind;
use chat_core::ids::{ChannelId, MessageId, ServerId, UserId};
use chat_core::members::{LeaveReason, MemberView};
use chat_core::messages::{AuthorSummary, Message, MessageContent, MessageView, Nonce};
use chat_core::presence::{ShownStatus, Status};
use chat_core::role::Role;
use chat_core::servers::{Description, Server, ServerName, ServerView};
use chat_core::users::{Bio, DisplayName, PasswordHash, User, UserView, Username};
use chat_core::Timestamp;
use chat_wire::{ServerDto, UserDto};
use serde_json::Value;
use uuid::Uuid;

use crate::frame::{self, ErrorFrame, Rendered};

const ASYNCAPI_YAML: &str = include_str!("../../../docs/asyncapi.yaml");

fn document() -> Value {
    serde_yaml::from_str(ASYNCAPI_YAML).expect("docs/asyncapi.yaml parses")
}

/// Checks `frame` (JSON text) against `components/schemas/<schema>`.
fn check(doc: &Value, schema: &str, frame: &str) {
    let mut root = doc.clone();
    root["$ref"] = Value::String(format!("#/components/schemas/{schema}"));
    root["$schema"] = Value::String("https://json-schema.org/draft/2020-12/schema".into());
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&root)
        .unwrap_or_else(|e| panic!("{schema}: not a usable schema: {e}"));
    let instance: Value = serde_json::from_str(frame).expect("frames are JSON");
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{schema}: {frame}\n{errors:#?}");
}

fn id() -> Uuid {
    Uuid::now_v7()
}

fn at() -> Timestamp {
    Timestamp::from_millis(1_764_892_800_123)
}

fn message(edited: bool) -> MessageView {
    let author = UserId::from_uuid(id());
    MessageView {
        message: Message {
            id: MessageId::from_uuid(id()),
            channel_id: ChannelId::from_uuid(id()),
            server_id: ServerId::from_uuid(id()),
            author_id: author,
            content: MessageContent::parse("hi @bob 🎉").unwrap(),
            mentions: vec![UserId::from_uuid(id())],
            created_at: at(),
            edited_at: edited.then(at),
            nonce: (!edited).then(|| Nonce::parse("n-1").unwrap()),
            reply_to: None,
            pinned_at: None,
        },
        author: AuthorSummary {
            id: author,
            username: "alice".into(),
            display_name: "Alice".into(),
            avatar_url: Some(format!("/avatars/{author}/{}.png", "0".repeat(32))),
        },
        reply_to: None,
        reactions: Vec::new(),
        attachments: vec![chat_core::attachments::AttachmentView {
            attachment: chat_core::attachments::Attachment {
                id: chat_core::ids::AttachmentId::from_uuid(id()),
                channel_id: ChannelId::from_uuid(id()),
                uploader_id: author,
                message_id: None,
                filename: "cat.png".into(),
                content_type: "image/png".into(),
                size: 1234,
                width: Some(64),
                height: Some(48),
                has_preview: true,
                spoiler: edited,
                created_at: at(),
                expires_at: at(),
            },
            url: "/attachments/x/cat.png?expires=1&signature=s".into(),
            preview_url: Some("/attachments/x/cat.png?preview=1&expires=1&signature=s".into()),
        }],
    }
}

fn member(status: ShownStatus) -> MemberView {
    MemberView {
        user_id: UserId::from_uuid(id()),
        username: Username::parse("bob").unwrap(),
        display_name: DisplayName::parse("Bob").unwrap(),
        role: Role::Admin,
        status,
        joined_at: at(),
        timed_out_until: Some(at()),
        avatar_url: None,
    }
}

fn server_view(my_role: Role) -> ServerView {
    ServerView {
        server: Server {
            id: ServerId::from_uuid(id()),
            name: ServerName::parse("Rustaceans").unwrap(),
            description: Description::parse("").unwrap(),
            owner_id: UserId::from_uuid(id()),
            created_at: at(),
            icon_key: Some("0".repeat(32)),
        },
        member_count: 3,
        my_role,
    }
}

fn channel() -> Channel {
    Channel {
        id: ChannelId::from_uuid(id()),
        server_id: ServerId::from_uuid(id()),
        name: ChannelName::parse("general").unwrap(),
        topic: Topic::parse("").unwrap(),
        position: -3,
        created_at: at(),
        slowmode: chat_core::channels::Slowmode::parse(30).unwrap(),
    }
}

/// One sample of every client-visible event kind (several where the
/// shape varies), with the schema of its frame.
fn sample_events() -> Vec<(EventKind, &'static str)> {
    let kinds = vec![
        EventKind::MessageCreated(message(false)),
        EventKind::MessageUpdated(message(true)),
        EventKind::MessageDeleted {
            id: MessageId::from_uuid(id()),
            channel_id: ChannelId::from_uuid(id()),
            server_id: ServerId::from_uuid(id()),
        },
        EventKind::TypingStarted {
            channel_id: ChannelId::from_uuid(id()),
            server_id: ServerId::from_uuid(id()),
            user_id: UserId::from_uuid(id()),
            expires_at: at(),
        },
        EventKind::PresenceUpdated {
            user_id: UserId::from_uuid(id()),
            status: ShownStatus::Dnd,
        },
        EventKind::PresenceUpdated {
            user_id: UserId::from_uuid(id()),
            status: ShownStatus::Invisible,
        },
        EventKind::MemberJoined {
            server_id: ServerId::from_uuid(id()),
            member: member(ShownStatus::Online),
        },
        EventKind::MemberUpdated {
            server_id: ServerId::from_uuid(id()),
            member: member(ShownStatus::Offline),
        },
        EventKind::MemberLeft {
            server_id: ServerId::from_uuid(id()),
            user_id: UserId::from_uuid(id()),
            reason: LeaveReason::Banned,
        },
        EventKind::ServerUpdated {
            view: server_view(Role::Member),
        },
        EventKind::ServerDeleted {
            server_id: ServerId::from_uuid(id()),
        },
        EventKind::ChannelCreated(channel()),
        EventKind::ChannelUpdated(channel()),
        EventKind::ChannelDeleted {
            id: ChannelId::from_uuid(id()),
            server_id: ServerId::from_uuid(id()),
        },
        EventKind::ReactionAdded {
            message_id: MessageId::from_uuid(id()),
            channel_id: ChannelId::from_uuid(id()),
            server_id: ServerId::from_uuid(id()),
            emoji: chat_core::messages::Emoji::parse("👍").unwrap(),
            user_id: UserId::from_uuid(id()),
        },
        EventKind::ReactionRemoved {
            message_id: MessageId::from_uuid(id()),
            channel_id: ChannelId::from_uuid(id()),
            server_id: ServerId::from_uuid(id()),
            emoji: chat_core::messages::Emoji::parse("🎉").unwrap(),
            user_id: UserId::from_uuid(id()),
        },
        EventKind::ReactionsCleared {
            message_id: MessageId::from_uuid(id()),
            channel_id: ChannelId::from_uuid(id()),
            server_id: ServerId::from_uuid(id()),
        },
        EventKind::ChannelPinsUpdated {
            channel_id: ChannelId::from_uuid(id()),
            server_id: ServerId::from_uuid(id()),
        },
        EventKind::ReadStateUpdated {
            user_id: UserId::from_uuid(id()),
            state: read_state(),
        },
        EventKind::NotificationSettingsUpdated {
            user_id: UserId::from_uuid(id()),
            settings: chat_core::reads::NotificationSettings::default(),
        },
        EventKind::DirectChannelCreated(direct_view(chat_core::direct::ChannelKind::Dm)),
        EventKind::DirectChannelUpdated(direct_view(chat_core::direct::ChannelKind::Group)),
        EventKind::DirectChannelDeleted {
            id: ChannelId::from_uuid(id()),
        },
        EventKind::RecipientAdded {
            channel_id: ChannelId::from_uuid(id()),
            recipient: recipient(),
        },
        EventKind::RecipientRemoved {
            channel_id: ChannelId::from_uuid(id()),
            user_id: UserId::from_uuid(id()),
        },
    ];
    kinds
        .into_iter()
        .map(|kind| {
            let schema = match &kind {
                EventKind::MessageCreated(_) => "messageCreatedFrame",
                EventKind::MessageUpdated(_) => "messageUpdatedFrame",
                EventKind::MessageDeleted { .. } => "messageDeletedFrame",
                EventKind::TypingStarted { .. } => "typingStartedFrame",
                EventKind::PresenceUpdated { .. } => "presenceUpdatedFrame",
                EventKind::MemberJoined { .. } => "memberJoinedFrame",
                EventKind::MemberUpdated { .. } => "memberUpdatedFrame",
                EventKind::MemberLeft { .. } => "memberLeftFrame",
                EventKind::ServerUpdated { .. } => "serverUpdatedFrame",
                EventKind::ServerDeleted { .. } => "serverDeletedFrame",
                EventKind::ChannelCreated(_) => "channelCreatedFrame",
                EventKind::ChannelUpdated(_) => "channelUpdatedFrame",
                EventKind::ChannelDeleted { .. } => "channelDeletedFrame",
                EventKind::ReactionAdded { .. } => "reactionAddedFrame",
                EventKind::ReactionRemoved { .. } => "reactionRemovedFrame",
                EventKind::ReactionsCleared { .. } => "reactionRemovedAllFrame",
                EventKind::ChannelPinsUpdated { .. } => "channelPinsUpdatedFrame",
                EventKind::ReadStateUpdated { .. } => "readStateUpdatedFrame",
                EventKind::NotificationSettingsUpdated { .. } => "notificationSettingsUpdatedFrame",
                EventKind::DirectChannelCreated(_) => "channelCreatedFrame",
                EventKind::DirectChannelUpdated(_) => "channelUpdatedFrame",
                EventKind::DirectChannelDeleted { .. } => "channelDeletedFrame",
                EventKind::RecipientAdded { .. } => "recipientAddedFrame",
                EventKind::RecipientRemoved { .. } => "recipientRemovedFrame",
                // Not sent: the gateway closes the sessions instead (4003).
                EventKind::SessionsRevoked { .. } => "",
            };
            (kind, schema)
        })
        .collect()
}

fn recipient() -> chat_core::direct::Recipient {
    chat_core::direct::Recipient {
        id: UserId::from_uuid(id()),
        username: "bob".into(),
        display_name: "Bob".into(),
        status: ShownStatus::Online,
        avatar_url: None,
    }
}

fn direct_view(kind: chat_core::direct::ChannelKind) -> chat_core::direct::DirectChannelView {
    let group = kind == chat_core::direct::ChannelKind::Group;
    chat_core::direct::DirectChannelView {
        channel: Channel {
            server_id: ServerId::DIRECT,
            ..channel()
        },
        kind,
        owner_id: group.then(|| UserId::from_uuid(id())),
        recipients: vec![recipient(), recipient()],
        last_message_id: (!group).then(|| MessageId::from_uuid(id())),
        last_activity_at: at(),
    }
}

fn read_state() -> chat_core::reads::ReadState {
    chat_core::reads::ReadState {
        channel_id: ChannelId::from_uuid(id()),
        server_id: ServerId::from_uuid(id()),
        last_read: None,
        unread_count: 3,
        unread_capped: false,
        mention_count: 1,
        last_message_id: Some(chat_core::ids::MessageId::from_uuid(id())),
    }
}

#[test]
fn every_event_frame_matches_its_schema() {
    let doc = document();
    let mut kinds = std::collections::BTreeSet::new();
    for (event, schema) in sample_events() {
        let payload = chat_wire::event_payload(&event).expect("a client-visible event");
        let rendered = Rendered::new(&payload).expect("renders");
        check(&doc, schema, &rendered.frame(7));
        // The schema is the one of the message named after the frame's type.
        let name = &doc["components"]["messages"];
        let named = name
            .as_object()
            .into_iter()
            .flatten()
            .find(|(_, m)| m["name"] == payload.kind)
            .map(|(_, m)| m["payload"]["$ref"].as_str().unwrap_or_default().to_owned());
        assert_eq!(
            named.as_deref(),
            Some(format!("#/components/schemas/{schema}").as_str()),
            "{} is documented as a message with this schema",
            payload.kind
        );
        kinds.insert(payload.kind);
    }
    assert_eq!(kinds.len(), 21, "every event type has a sample: {kinds:?}");
}

#[test]
fn every_control_frame_matches_its_schema() {
    let doc = document();
    let user = UserDto::from(&UserView {
        user: User {
            id: UserId::from_uuid(id()),
            username: Username::parse("alice").unwrap(),
            display_name: DisplayName::parse("Alice").unwrap(),
            bio: Bio::parse("").unwrap(),
            status: Status::Invisible,
            password_hash: PasswordHash::new("x"),
            created_at: at(),
            custom_status: None,
            disabled: false,
            avatar_key: None,
        },
        status: ShownStatus::Invisible,
    });
    let servers = [ServerDto::from(&chat_core::servers::ServerDetails {
        view: server_view(Role::Owner),
        channels: vec![channel()],
    })];
    check(&doc, "helloFrame", &frame::hello(30_000));
    let states = [chat_wire::ReadStateDto::from(&read_state())];
    let settings = chat_wire::NotificationSettingsDto::from(
        &chat_core::reads::NotificationSettings::default(),
    );
    check(
        &doc,
        "readyFrame",
        &frame::ready(id(), &user, &servers, &states, &settings, &[]),
    );
    let direct = [
        chat_wire::DirectChannelDto::from(&direct_view(chat_core::direct::ChannelKind::Dm)),
        chat_wire::DirectChannelDto::from(&direct_view(chat_core::direct::ChannelKind::Group)),
    ];
    check(
        &doc,
        "readyFrame",
        &frame::ready(id(), &user, &[], &[], &settings, &direct),
    );
    check(&doc, "resumedFrame", &frame::resumed(id(), 4));
    check(&doc, "invalidSessionFrame", &frame::invalid_session());
    check(&doc, "heartbeatAckFrame", &frame::heartbeat_ack());
    check(
        &doc,
        "errorFrame",
        &frame::error(&ErrorFrame::bad_request("unknown frame type")),
    );
    let invalid = chat_core::Error::Validation(chat_core::ValidationError::new("channel_id", "x"));
    check(
        &doc,
        "errorFrame",
        &frame::error(&ErrorFrame::from_core(&invalid)),
    );
}

#[test]
fn the_check_can_fail() {
    let doc = document();
    let good = format!(
        r#"{{"type":"server.deleted","seq":1,"data":{{"server_id":"{}"}}}}"#,
        id()
    );
    check(&doc, "serverDeletedFrame", &good);
    for wrong in [
        r#"{"type":"server.deleted","seq":1,"data":{"server_id":"not-a-uuid"}}"#.to_owned(),
        good.replace("\"seq\":1", "\"seq\":0"),
        good.replace("server.deleted", "server.gone"),
    ] {
        let result = std::panic::catch_unwind(|| check(&doc, "serverDeletedFrame", &wrong));
        assert!(result.is_err(), "{wrong} must be refused");
    }
}
