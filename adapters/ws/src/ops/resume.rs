//! `resume {token, session_id, seq}`: reattaches a dropped gateway session.
//! Every event after `seq` is replayed with its original number, then
//! `resumed`; when that is impossible (unknown or ended session, another
//! user's, `seq` no longer buffered, a `session_id` or `seq` that is not
//! one) the answer is `invalid_session` and the client identifies instead.

use std::sync::Arc;

use chat_core::Chat;
use uuid::Uuid;

use crate::close::{Close, End};
use crate::frame;
use crate::hub::{Attachment, Hub};

/// What a `resume` comes to: the frames to send in order, and the
/// attachment when the session was resumed (`None`: the frame is
/// `invalid_session`, and the client identifies next).
pub(crate) struct Resumption {
    pub attachment: Option<Attachment>,
    pub frames: Vec<String>,
}

/// Resumes the session, or says why the socket must close.
pub(crate) async fn run(
    hub: &Arc<Hub>,
    chat: &Chat,
    token: &str,
    session: Option<(Uuid, u64)>,
) -> Result<Resumption, End> {
    let actor = super::authenticate(chat, token).await?;
    let resumed = session.and_then(|(id, seq)| hub.resume(id, actor, seq).ok());
    let Some((attachment, missed)) = resumed else {
        return Ok(Resumption {
            attachment: None,
            frames: vec![frame::invalid_session()],
        });
    };
    // Counted out of presence when it dropped; counted in again.
    if let Err(e) = chat.connection_opened(actor.user_id).await {
        tracing::warn!(error = %e, "could not count a resumed socket in presence");
        hub.end_session(&attachment.session, Close::Internal);
        return Err(End::Server(Close::Internal));
    }
    attachment.session.mark_presence_open();
    let replayed = missed.len();
    let mut frames: Vec<String> = missed.into_iter().map(|d| d.event.frame(d.seq)).collect();
    frames.push(frame::resumed(attachment.session.id, replayed));
    Ok(Resumption {
        attachment: Some(attachment),
        frames,
    })
}
