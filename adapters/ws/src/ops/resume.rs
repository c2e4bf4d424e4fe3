//! `resume {token, session_id, seq}`: reattaches a dropped gateway session.
//! Every event after `seq` is replayed with its original number, then
//! `resumed`; when that is impossible (unknown or ended session, another
//! user's, `seq` no longer buffered, a `session_id` or `seq` that is not
//! one) the answer is `invalid_session` and the client identifies instead.

use std::sync::Arc;

use chat_core::Chat;
use uuid::Uuid;

use crate::close::Close;
use crate::connection::socket::Socket;
use crate::connection::End;
use crate::frame;
use crate::hub::{Attachment, Hub};

/// The attachment when resumed; `None` after sending `invalid_session`.
pub(crate) async fn run(
    socket: &mut Socket,
    hub: &Arc<Hub>,
    chat: &Chat,
    token: &str,
    session: Option<(Uuid, u64)>,
) -> Result<Option<Attachment>, End> {
    let actor = super::authenticate(chat, token).await?;
    let resumed = session.and_then(|(id, seq)| hub.resume(id, actor, seq).ok());
    let Some((attachment, missed)) = resumed else {
        socket
            .send(frame::invalid_session())
            .await
            .map_err(|_| End::Lost)?;
        return Ok(None);
    };
    // Counted out of presence when it dropped; counted in again.
    if let Err(e) = chat.connection_opened(actor.user_id).await {
        tracing::warn!(error = %e, "could not count a resumed socket in presence");
        hub.end_session(&attachment.session, Close::Internal);
        return Err(End::Server(Close::Internal));
    }
    attachment.session.mark_presence_open();
    let replayed = missed.len();
    let sent = async {
        for d in missed {
            socket.feed(d.event.frame(d.seq)).await?;
        }
        socket
            .feed(frame::resumed(attachment.session.id, replayed))
            .await?;
        socket.flush().await
    };
    // A failed send shows up as a lost socket in the main loop.
    let _ = sent.await;
    Ok(Some(attachment))
}
