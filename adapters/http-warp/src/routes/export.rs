//! `GET /me/export`: "download my data" as JSON lines
//! (`application/x-ndjson`, one record per line, each with a `type`:
//! `profile`, then `server`s, then `message`s with channel and server
//! names, then `direct_channel`s each followed by its `direct_message`s),
//! offered as a file to save.

use chat_core::auth::Actor;
use chat_core::messages::MessageView;
use chat_core::users::DataExport;
use chat_wire::{DirectChannelDto, MessageDto, UserDto};
use serde_json::{json, Value};
use warp::filters::BoxedFilter;
use warp::http::header;
use warp::{Filter, Reply};

use crate::context::{finish, Ctx, Outcome};

pub(super) fn routes(ctx: &Ctx) -> BoxedFilter<(Box<dyn Reply>,)> {
    warp::path!("me" / "export")
        .and(warp::get())
        .and(ctx.authed())
        .then(export)
        .map(finish)
        .boxed()
}

/// The lines of an export.
fn lines(data: &DataExport) -> Vec<Value> {
    let mut out = vec![json!({"type": "profile", "user": UserDto::from(&data.profile)})];
    for s in &data.servers {
        out.push(json!({
            "type": "server",
            "id": s.server.id.to_string(),
            "name": s.server.name.as_str(),
            "description": s.server.description.as_str(),
            "role": s.role.as_str(),
            "created_at": s.server.created_at.to_rfc3339(),
        }));
    }
    for m in &data.messages {
        out.push(json!({
            "type": "message",
            "server_name": m.server_name,
            "channel_name": m.channel_name,
            "message": own_words(&m.message),
        }));
    }
    for d in &data.direct {
        out.push(json!({"type": "direct_channel", "channel": DirectChannelDto::from(&d.channel)}));
        for m in &d.messages {
            out.push(json!({
                "type": "direct_message",
                "channel_id": d.channel.channel.id.to_string(),
                "message": own_words(m),
            }));
        }
    }
    out
}

/// A message of the caller without the preview of the message it
/// answers (someone else's words); reactions are counts (who reacted is
/// others' data), attachments their metadata and links.
fn own_words(view: &MessageView) -> MessageDto {
    let view = MessageView {
        reply_to: None,
        ..view.clone()
    };
    MessageDto::from(&view)
}

async fn export(ctx: Ctx, actor: Actor) -> Outcome {
    let data = ctx.chat.export_my_data(&actor).await?;
    let mut body = String::new();
    for line in lines(&data) {
        body.push_str(&line.to_string());
        body.push('\n');
    }
    let name = format!("chat-export-{}.jsonl", data.profile.user.username.as_str());
    let reply = warp::reply::with_header(body, header::CONTENT_TYPE, "application/x-ndjson");
    let reply = warp::reply::with_header(
        reply,
        header::CONTENT_DISPOSITION,
        format!("attachment; filename=\"{name}\""),
    );
    Ok(reply.into_response())
}
