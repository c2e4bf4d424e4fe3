//! `GET /me/export`: "download my data" as JSON lines
//! (`application/x-ndjson`, one record per line, each with a `type`:
//! `profile`, then `server`s, then `message`s with channel and server
//! names), offered as a file to save.

use chat_core::auth::Actor;
use chat_core::users::DataExport;
use chat_wire::{MessageDto, UserDto};
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
    let me = chat_core::messages::AuthorSummary {
        id: data.profile.user.id,
        username: data.profile.user.username.as_str().to_owned(),
        display_name: data.profile.user.display_name.as_str().to_owned(),
        avatar_url: chat_core::pictures::avatar_url(&data.profile.user),
    };
    for m in &data.messages {
        let view = chat_core::messages::MessageView {
            message: m.message.clone(),
            author: me.clone(),
            // The export is the person's own words; what they answered and
            // who reacted belong to others' data.
            reply_to: None,
            reactions: Vec::new(),
            attachments: Vec::new(),
        };
        out.push(json!({
            "type": "message",
            "server_name": m.server_name,
            "channel_name": m.channel_name,
            "message": MessageDto::from(&view),
        }));
    }
    out
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
