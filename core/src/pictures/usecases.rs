//! Setting, clearing and serving avatars and server icons.

use bytes::{Bytes, BytesMut};
use futures::StreamExt;

use super::{PictureOf, MAX_PICTURE_BYTES, PICTURE_SIDE};
use crate::attachments::usecases::{blob_failure, ENVELOPE_BYTES};
use crate::attachments::{
    is_inline_image, sniff_content_type, BlobError, BlobStream, ImageRefusal,
};
use crate::attachments::{AttachmentDeps, Download};
use crate::audit::{AuditAction, AuditChange};
use crate::auth::Actor;
use crate::chat::Chat;
use crate::error::{Error, Result, ValidationError};
use crate::ids::ServerId;
use crate::limits::Write;
use crate::policy::{Action, Target};
use crate::servers::ServerDetails;
use crate::users::UserView;

/// A picture upload accepted before its body is read
/// ([`Chat::prepare_picture`]).
#[derive(Debug, Clone, Copy)]
pub struct PictureUpload {
    of: PictureOf,
}

impl Chat {
    /// Checks, before any byte of the body is read, that the caller may
    /// set this picture (their own avatar; the icon of a server they may
    /// edit), that a `declared` body size is within the limit (413), and
    /// takes a token from their picture upload bucket (429).
    pub async fn prepare_picture(
        &self,
        actor: &Actor,
        of: PictureOf,
        declared: Option<u64>,
    ) -> Result<PictureUpload> {
        self.attachment_deps()?;
        self.may_change_picture(actor, of).await?;
        if declared.is_some_and(|n| n > MAX_PICTURE_BYTES + ENVELOPE_BYTES) {
            return Err(Error::PayloadTooLarge {
                limit_bytes: MAX_PICTURE_BYTES,
            });
        }
        self.limit_write(actor.user_id, Write::Picture).await?;
        Ok(PictureUpload { of })
    }

    /// Sets the caller's avatar from an accepted upload; members of their
    /// servers get `member.updated` with the new URL.
    pub async fn set_avatar(&self, upload: PictureUpload, body: BlobStream) -> Result<UserView> {
        let PictureOf::User(user) = upload.of else {
            return Err(Error::NotFound("avatar"));
        };
        self.store_picture(upload.of, body).await?;
        self.avatar_changed(user).await
    }

    /// Removes the caller's avatar (nothing to remove is no error).
    pub async fn clear_avatar(&self, actor: &Actor) -> Result<UserView> {
        self.remove_picture(PictureOf::User(actor.user_id)).await?;
        self.avatar_changed(actor.user_id).await
    }

    /// Sets a server's icon from an accepted upload; members get
    /// `server.updated`, and the audit log an entry.
    pub async fn set_server_icon(
        &self,
        actor: &Actor,
        upload: PictureUpload,
        body: BlobStream,
    ) -> Result<ServerDetails> {
        let PictureOf::Server(server) = upload.of else {
            return Err(Error::NotFound("server"));
        };
        let (before, after) = self.store_picture(upload.of, body).await?;
        self.icon_changed(actor, server, before, Some(after)).await
    }

    /// Removes a server's icon (for those who may edit the server).
    pub async fn clear_server_icon(
        &self,
        actor: &Actor,
        server: ServerId,
    ) -> Result<ServerDetails> {
        let of = PictureOf::Server(server);
        self.may_change_picture(actor, of).await?;
        let before = self.remove_picture(of).await?;
        self.icon_changed(actor, server, before, None).await
    }

    /// The stored picture `key` of `of`, for anyone (picture URLs are
    /// public, like Discord's CDN): its size and bytes, or 404 when `key`
    /// is not its current picture.
    pub async fn open_picture(&self, of: PictureOf, key: &str) -> Result<(u64, Download)> {
        let missing = Error::NotFound("picture");
        if !super::is_picture_key(key) {
            return Err(missing);
        }
        let current = match of {
            PictureOf::User(id) => self
                .deps
                .store
                .user_by_id(id)
                .await?
                .and_then(|u| u.avatar_key),
            PictureOf::Server(id) => self
                .deps
                .store
                .server_by_id(id)
                .await?
                .and_then(|s| s.icon_key),
        };
        if current.as_deref() != Some(key) {
            return Err(missing);
        }
        let blobs = &self.attachment_deps()?.blobs;
        let blob = of.blob_key(key);
        let size = blobs.head(&blob).await.map_err(blob_failure)?;
        let body = blobs.get(&blob, None).await.map_err(blob_failure)?;
        match (size, body) {
            (Some(size), Some(body)) => Ok((size, Download { body })),
            _ => Err(missing),
        }
    }

    /// Refuses (403 or 404) a caller who may not change this picture.
    async fn may_change_picture(&self, actor: &Actor, of: PictureOf) -> Result<()> {
        match of {
            PictureOf::User(id) if id == actor.user_id => Ok(()),
            PictureOf::User(_) => Err(Error::NotFound("user")),
            PictureOf::Server(id) => self
                .authorize(id, actor.user_id, Action::UpdateServer, Target::Server)
                .await
                .map(|_| ()),
        }
    }

    /// Reads, checks and squares the upload, stores it under a fresh key
    /// and makes it current; deletes the picture it replaced. Answers the
    /// URLs before and after.
    async fn store_picture(
        &self,
        of: PictureOf,
        body: BlobStream,
    ) -> Result<(Option<String>, String)> {
        let deps = self.attachment_deps()?;
        let data = read_limited(body, MAX_PICTURE_BYTES).await?;
        let png = squared(deps, data).await?;
        let key = uuid::Uuid::new_v4().simple().to_string();
        let blob = of.blob_key(&key);
        let stream: BlobStream = Box::pin(futures::stream::once(async move { Ok(png) }));
        deps.blobs.put(&blob, stream).await.map_err(blob_failure)?;
        let swapped = self.swap_key(of, Some(&key)).await;
        let previous = match swapped {
            Ok(Some(previous)) => previous,
            Ok(None) | Err(_) => {
                let _ = deps.blobs.delete(&blob).await;
                return Err(swapped.err().unwrap_or(missing(of)));
            }
        };
        if let Some(old) = &previous {
            // A failed delete leaves an unreferenced blob that is never served.
            let _ = deps.blobs.delete(&of.blob_key(old)).await;
        }
        Ok((previous.map(|k| of.url(&k)), of.url(&key)))
    }

    /// Clears the picture and deletes its blob; answers the URL it had.
    pub(crate) async fn remove_picture(&self, of: PictureOf) -> Result<Option<String>> {
        let previous = self.swap_key(of, None).await?.ok_or(missing(of))?;
        if let (Some(old), Some(deps)) = (&previous, self.attachments.as_deref()) {
            let _ = deps.blobs.delete(&of.blob_key(old)).await;
        }
        Ok(previous.map(|k| of.url(&k)))
    }

    async fn swap_key(&self, of: PictureOf, key: Option<&str>) -> Result<Option<Option<String>>> {
        let store = &self.deps.store;
        Ok(match of {
            PictureOf::User(id) => store.swap_avatar_key(id, key).await?,
            PictureOf::Server(id) => store.swap_icon_key(id, key).await?,
        })
    }

    async fn avatar_changed(&self, user: crate::ids::UserId) -> Result<UserView> {
        let loaded = self.load_user(user).await?;
        self.announce_member_changes(user).await?;
        Ok(self.self_view(loaded))
    }

    async fn icon_changed(
        &self,
        actor: &Actor,
        server: ServerId,
        before: Option<String>,
        after: Option<String>,
    ) -> Result<ServerDetails> {
        let m = self
            .authorize(server, actor.user_id, Action::Participate, Target::Server)
            .await?;
        let role = m.member_role();
        let details = self.server_details(m.server, role).await?;
        self.announce_server(&details.view).await?;
        if before != after {
            let change =
                AuditChange::new("icon_url", before.map(Into::into), after.map(Into::into));
            self.record(server, actor, AuditAction::ServerUpdate, None, vec![change])
                .await?;
        }
        Ok(details)
    }
}

fn missing(of: PictureOf) -> Error {
    match of {
        PictureOf::User(_) => Error::Unauthenticated("this account no longer exists"),
        PictureOf::Server(_) => Error::NotFound("server"),
    }
}

/// The PNG, JPEG, GIF or WebP `data` as a square PNG; 422 on `file` for
/// anything else, an image over the pixel limit, or one that does not decode.
async fn squared(deps: &AttachmentDeps, data: Bytes) -> Result<Bytes> {
    if data.is_empty() {
        return Err(ValidationError::new("file", "must not be empty").into());
    }
    let kind = sniff_content_type(&data);
    if !is_inline_image(kind) {
        return Err(ValidationError::new("file", "must be a PNG, JPEG, GIF or WebP image").into());
    }
    let max_pixels = deps.policy.max_pixels;
    match deps.images.square_png(data, PICTURE_SIDE, max_pixels).await {
        Ok(png) => Ok(png),
        Err(ImageRefusal::TooManyPixels { width, height, .. }) => Err(ValidationError::new(
            "file",
            format!(
                "is an image of {width}×{height} pixels; at most {max_pixels} pixels are accepted"
            ),
        )
        .into()),
        Err(ImageRefusal::Undecodable) => {
            Err(ValidationError::new("file", format!("is not a readable {kind} image")).into())
        }
    }
}

/// The whole body, refused with 413 as soon as it passes `limit` bytes.
async fn read_limited(mut body: BlobStream, limit: u64) -> Result<Bytes> {
    let mut buf = BytesMut::new();
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|e| match e {
            BlobError::Aborted(why) => Error::Malformed(why),
            BlobError::Backend(why) => Error::Malformed(why),
        })?;
        if (buf.len() + chunk.len()) as u64 > limit {
            return Err(Error::PayloadTooLarge { limit_bytes: limit });
        }
        buf.extend_from_slice(&chunk);
    }
    Ok(buf.freeze())
}
