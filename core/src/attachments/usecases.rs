//! Upload, download, send-time claiming, and the sweep of expired uploads.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use futures::StreamExt;

use super::sniff::SNIFF_BYTES;
use super::{
    is_inline_image, sanitize_filename, sniff_content_type, Attachment, AttachmentView, BlobError,
    BlobStore, BlobStream, ByteRange, ImageProbe, ImageRefusal, MAX_ATTACHMENTS,
};
use crate::auth::Actor;
use crate::chat::Chat;
use crate::error::{Error, Result, ValidationError};
use crate::ids::{AttachmentId, ChannelId, MessageId};
use crate::policy::Action;

/// Signs and checks download URLs (an HMAC with a server secret).
pub trait UrlSigner: Send + Sync {
    /// The signature of `payload`, URL-safe text.
    fn sign(&self, payload: &[u8]) -> String;
    /// Whether `signature` is `payload`'s (compared in constant time).
    fn verify(&self, payload: &[u8], signature: &str) -> bool;
}

/// The numbers of the attachment feature.
#[derive(Debug, Clone)]
pub struct AttachmentPolicy {
    /// The largest file, in bytes (25 MiB by default).
    pub max_upload_bytes: u64,
    /// How long an upload waits for a message, in seconds (1 hour).
    pub pending_seconds: i64,
    /// The most bytes one user may keep stored (1 GiB).
    pub quota_bytes: u64,
    /// The most uploads per user per window (60).
    pub uploads_per_window: u64,
    /// The window of `uploads_per_window`, in seconds (10 minutes).
    pub window_seconds: i64,
    /// The most pixels an image may declare before it is refused (40 M).
    pub max_pixels: u64,
    /// A signed URL is valid for between one and two of these, in seconds (1 hour).
    pub url_seconds: i64,
}

impl Default for AttachmentPolicy {
    fn default() -> Self {
        Self {
            max_upload_bytes: 25 * 1024 * 1024,
            pending_seconds: 3600,
            quota_bytes: 1024 * 1024 * 1024,
            uploads_per_window: 60,
            window_seconds: 600,
            max_pixels: 40_000_000,
            url_seconds: 3600,
        }
    }
}

/// The ports and numbers of the attachment feature ([`Chat::with_attachments`]).
#[derive(Clone)]
pub struct AttachmentDeps {
    /// Where the bytes go.
    pub blobs: Arc<dyn BlobStore>,
    /// Image measuring and previews.
    pub images: Arc<dyn ImageProbe>,
    /// Download URL signatures.
    pub signer: Arc<dyn UrlSigner>,
    /// The limits.
    pub policy: AttachmentPolicy,
}

/// An upload accepted for a channel before its body is read
/// ([`Chat::prepare_upload`]).
#[derive(Debug, Clone, Copy)]
pub struct Upload {
    channel: ChannelId,
    actor: crate::ids::UserId,
}

/// A signature from a download URL's query.
#[derive(Debug, Clone)]
pub struct SignedUrl {
    /// Its expiry, in Unix seconds.
    pub expires: i64,
    /// Its signature.
    pub signature: String,
}

/// An attachment's bytes being sent.
pub struct Download {
    /// The stream.
    pub body: BlobStream,
}

/// The room a multipart envelope may take beyond the file itself when a
/// `Content-Length` is compared with the limit.
pub(crate) const ENVELOPE_BYTES: u64 = 64 * 1024;

impl Chat {
    /// Turns attachments on, with these ports and numbers.
    pub fn with_attachments(mut self, deps: AttachmentDeps) -> Self {
        self.attachments = Some(Arc::new(deps));
        self
    }

    /// The attachment numbers in force (the defaults when attachments are off).
    pub fn attachment_policy(&self) -> AttachmentPolicy {
        self.attachments
            .as_ref()
            .map(|a| a.policy.clone())
            .unwrap_or_default()
    }

    pub(crate) fn attachment_deps(&self) -> Result<&AttachmentDeps> {
        self.attachments
            .as_deref()
            .ok_or(Error::NotFound("attachments"))
    }

    /// Checks, before any byte of the body is read, that the caller may
    /// upload to `channel`: a member who may write there, a `declared`
    /// body size (when known) within the limit, within their upload rate
    /// and storage quota.
    pub async fn prepare_upload(
        &self,
        actor: &Actor,
        channel: ChannelId,
        declared: Option<u64>,
    ) -> Result<Upload> {
        let deps = self.attachment_deps()?;
        let p = &deps.policy;
        let (channel, _) = self
            .channel_for(actor, channel, Action::Participate)
            .await?;
        self.ensure_not_timed_out(channel.server_id, actor.user_id)
            .await?;
        if declared.is_some_and(|n| n > p.max_upload_bytes + ENVELOPE_BYTES) {
            return Err(Error::PayloadTooLarge {
                limit_bytes: p.max_upload_bytes,
            });
        }
        let now = self.now();
        let since = now.plus_seconds(-p.window_seconds);
        let (used, recent) = self
            .deps
            .store
            .attachment_usage(actor.user_id, since)
            .await?;
        if recent >= p.uploads_per_window {
            return Err(Error::UploadRateLimited {
                limit: p.uploads_per_window,
                window_seconds: p.window_seconds.max(0) as u64,
                retry_after: Duration::from_secs(60),
            });
        }
        let incoming = declared.unwrap_or(0).min(p.max_upload_bytes);
        if used.saturating_add(incoming) > p.quota_bytes || used >= p.quota_bytes {
            return Err(Error::StorageQuotaExceeded {
                used_bytes: used,
                limit_bytes: p.quota_bytes,
            });
        }
        Ok(Upload {
            channel: channel.id,
            actor: actor.user_id,
        })
    }

    /// Streams one file to the blob store and records it as a pending
    /// attachment of the caller in the channel. The body is cut off as
    /// soon as it passes the size limit (413); an image over the pixel
    /// limit is refused (422); either way nothing is kept.
    pub async fn upload_attachment(
        &self,
        upload: Upload,
        filename: &str,
        body: BlobStream,
    ) -> Result<Attachment> {
        let deps = self.attachment_deps()?;
        let p = &deps.policy;
        let id = AttachmentId::from_uuid(self.deps.ids.new_uuid());
        let key = super::blob_key(id);
        let filename = sanitize_filename(filename);
        let limit = p.max_upload_bytes;
        let too_large = Arc::new(AtomicBool::new(false));
        let head = Arc::new(Mutex::new(Vec::with_capacity(SNIFF_BYTES)));
        let counted = Arc::new(AtomicU64::new(0));
        let guarded = {
            let too_large = too_large.clone();
            let head = head.clone();
            let counted = counted.clone();
            body.map(move |chunk| {
                let chunk = chunk?;
                let total =
                    counted.fetch_add(chunk.len() as u64, Ordering::Relaxed) + chunk.len() as u64;
                if total > limit {
                    too_large.store(true, Ordering::Relaxed);
                    return Err(BlobError::Aborted("the file is over the size limit".into()));
                }
                if let Ok(mut head) = head.lock() {
                    if head.len() < SNIFF_BYTES {
                        let take = (SNIFF_BYTES - head.len()).min(chunk.len());
                        head.extend_from_slice(&chunk[..take]);
                    }
                }
                Ok(chunk)
            })
        };
        let size = match deps.blobs.put(&key, Box::pin(guarded)).await {
            Ok(size) => size,
            Err(e) => {
                let _ = deps.blobs.delete(&key).await;
                if too_large.load(Ordering::Relaxed) {
                    return Err(Error::PayloadTooLarge { limit_bytes: limit });
                }
                return Err(match e {
                    BlobError::Aborted(why) => Error::Malformed(why),
                    BlobError::Backend(why) => Error::Storage(crate::StoreError::Backend(why)),
                });
            }
        };
        let kept = self
            .finish_upload(deps, upload, id, filename, size, head)
            .await;
        if kept.is_err() {
            let _ = deps.blobs.delete(&key).await;
            let _ = deps.blobs.delete(&format!("{id}.preview")).await;
        }
        kept
    }

    async fn finish_upload(
        &self,
        deps: &AttachmentDeps,
        upload: Upload,
        id: AttachmentId,
        filename: String,
        size: u64,
        head: Arc<Mutex<Vec<u8>>>,
    ) -> Result<Attachment> {
        let p = &deps.policy;
        if size == 0 {
            return Err(ValidationError::new("file", "must not be empty").into());
        }
        let (used, _) = self
            .deps
            .store
            .attachment_usage(upload.actor, self.now())
            .await?;
        if used.saturating_add(size) > p.quota_bytes {
            return Err(Error::StorageQuotaExceeded {
                used_bytes: used,
                limit_bytes: p.quota_bytes,
            });
        }
        let head = head.lock().map(|h| h.clone()).unwrap_or_default();
        let content_type = sniff_content_type(&head).to_owned();
        let now = self.now();
        let mut attachment = Attachment {
            id,
            channel_id: upload.channel,
            uploader_id: upload.actor,
            message_id: None,
            filename,
            content_type,
            size,
            width: None,
            height: None,
            has_preview: false,
            spoiler: false,
            created_at: now,
            expires_at: now.plus_seconds(p.pending_seconds),
        };
        if is_inline_image(&attachment.content_type) {
            let data = read_all(deps.blobs.as_ref(), &attachment.blob_key(), size).await?;
            match deps.images.probe(data, p.max_pixels).await {
                Ok(info) => {
                    attachment.width = Some(info.width);
                    attachment.height = Some(info.height);
                    if let Some(preview) = info.preview {
                        let stream: BlobStream =
                            Box::pin(futures::stream::once(async move { Ok(preview) }));
                        deps.blobs
                            .put(&attachment.preview_key(), stream)
                            .await
                            .map_err(blob_failure)?;
                        attachment.has_preview = true;
                    }
                }
                Err(ImageRefusal::TooManyPixels {
                    width,
                    height,
                    max_pixels,
                }) => {
                    return Err(ValidationError::new(
                        "file",
                        format!(
                            "is an image of {width}×{height} pixels; at most {max_pixels} pixels are accepted"
                        ),
                    )
                    .into());
                }
                Err(ImageRefusal::Undecodable) => {}
            }
        }
        self.deps.store.insert_attachment(&attachment).await?;
        Ok(attachment)
    }

    /// Checks the `attachment_ids` of a message being sent: at most 10,
    /// each a pending upload of the caller to this channel. Answers them
    /// deduplicated, in the order given.
    pub(crate) async fn check_pending(
        &self,
        actor: &Actor,
        channel: ChannelId,
        ids: &[AttachmentId],
    ) -> Result<Vec<AttachmentId>> {
        let mut wanted: Vec<AttachmentId> = Vec::with_capacity(ids.len());
        for id in ids {
            if !wanted.contains(id) {
                wanted.push(*id);
            }
        }
        if wanted.len() > MAX_ATTACHMENTS {
            return Err(ValidationError::new(
                "attachment_ids",
                format!("must hold at most {MAX_ATTACHMENTS} attachments"),
            )
            .into());
        }
        if wanted.is_empty() {
            return Ok(wanted);
        }
        let found = self.deps.store.attachments_by_ids(&wanted).await?;
        let now = self.now();
        for id in &wanted {
            let usable = found.iter().find(|a| a.id == *id).is_some_and(|a| {
                a.uploader_id == actor.user_id
                    && a.channel_id == channel
                    && a.message_id.is_none()
                    && now < a.expires_at
            });
            if !usable {
                return Err(ValidationError::new(
                    "attachment_ids",
                    format!("{id} is not a pending upload of yours to this channel (uploads expire after an hour and are used once)"),
                )
                .into());
            }
        }
        Ok(wanted)
    }

    /// Gives checked pending uploads to a new message.
    pub(crate) async fn claim(
        &self,
        ids: &[AttachmentId],
        spoilers: &[AttachmentId],
        message: MessageId,
    ) -> Result<()> {
        let (hidden, shown): (Vec<AttachmentId>, Vec<AttachmentId>) =
            ids.iter().partition(|id| spoilers.contains(id));
        let store = &self.deps.store;
        if !shown.is_empty() {
            store.claim_attachments(&shown, message, false).await?;
        }
        if !hidden.is_empty() {
            store.claim_attachments(&hidden, message, true).await?;
        }
        Ok(())
    }

    /// Removes attachments with their blobs (a deleted message's, expired uploads).
    pub(crate) async fn remove_attachments(&self, attachments: &[Attachment]) -> Result<()> {
        if attachments.is_empty() {
            return Ok(());
        }
        if let Some(deps) = &self.attachments {
            for a in attachments {
                // A blob left behind by a failed delete is never served:
                // its metadata goes below.
                let _ = deps.blobs.delete(&a.blob_key()).await;
                if a.has_preview {
                    let _ = deps.blobs.delete(&a.preview_key()).await;
                }
            }
        }
        let ids: Vec<AttachmentId> = attachments.iter().map(|a| a.id).collect();
        self.deps.store.delete_attachments(&ids).await?;
        Ok(())
    }

    /// Removes up to `limit` pending uploads whose hour is over, and up to
    /// `limit` attachments left behind by a deleted channel or server,
    /// with their blobs; answers how many.
    pub async fn sweep_attachments(&self, limit: u32) -> Result<usize> {
        let store = &self.deps.store;
        let expired = store.expired_attachments(self.now(), limit).await?;
        self.remove_attachments(&expired).await?;
        let orphaned = store.orphaned_attachments(limit).await?;
        self.remove_attachments(&orphaned).await?;
        Ok(expired.len() + orphaned.len())
    }

    /// The attachment `id` named `filename` if the request may read it:
    /// with a valid unexpired signature, or as a member of its channel
    /// (only its uploader while pending). Anything else is 404.
    pub async fn attachment_for_download(
        &self,
        actor: Option<&Actor>,
        id: AttachmentId,
        filename: &str,
        preview: bool,
        signed: Option<&SignedUrl>,
    ) -> Result<Attachment> {
        let missing = Error::NotFound("attachment");
        let deps = self.attachment_deps()?;
        let Some(a) = self.deps.store.attachment_by_id(id).await? else {
            return Err(missing);
        };
        if a.filename != filename || (preview && !a.has_preview) {
            return Err(missing);
        }
        if let Some(signed) = signed {
            let now = self.now().millis() / 1000;
            let payload = url_payload(id, preview, signed.expires);
            if signed.expires >= now && deps.signer.verify(payload.as_bytes(), &signed.signature) {
                return Ok(a);
            }
        }
        let Some(actor) = actor else {
            return Err(missing);
        };
        if a.message_id.is_none() && a.uploader_id != actor.user_id {
            return Err(missing);
        }
        match self
            .channel_for(actor, a.channel_id, Action::Participate)
            .await
        {
            Ok(_) => Ok(a),
            Err(Error::Storage(e)) => Err(Error::Storage(e)),
            Err(_) => Err(missing),
        }
    }

    /// The size of the attachment's file (or preview) as stored.
    pub async fn attachment_blob_size(&self, a: &Attachment, preview: bool) -> Result<u64> {
        if !preview {
            return Ok(a.size);
        }
        let deps = self.attachment_deps()?;
        deps.blobs
            .head(&a.preview_key())
            .await
            .map_err(blob_failure)?
            .ok_or(Error::NotFound("attachment"))
    }

    /// Opens the attachment's file (or preview), `range` only if given.
    pub async fn open_attachment(
        &self,
        a: &Attachment,
        preview: bool,
        range: Option<ByteRange>,
    ) -> Result<Download> {
        let deps = self.attachment_deps()?;
        let key = if preview {
            a.preview_key()
        } else {
            a.blob_key()
        };
        let body = deps
            .blobs
            .get(&key, range)
            .await
            .map_err(blob_failure)?
            .ok_or(Error::NotFound("attachment"))?;
        Ok(Download { body })
    }

    /// The attachment as messages show it, with signed URLs.
    pub(crate) fn attachment_view(&self, a: Attachment) -> AttachmentView {
        let base = format!("/attachments/{}/{}", a.id, encode_segment(&a.filename));
        let Some(deps) = &self.attachments else {
            return AttachmentView {
                preview_url: a.has_preview.then(|| format!("{base}?preview=1")),
                url: base,
                attachment: a,
            };
        };
        let window = deps.policy.url_seconds.max(60);
        let now = self.now().millis() / 1000;
        let expires = (now / window + 2) * window;
        let sign = |preview: bool| {
            let payload = url_payload(a.id, preview, expires);
            deps.signer.sign(payload.as_bytes())
        };
        let url = format!("{base}?expires={expires}&signature={}", sign(false));
        let preview_url = a.has_preview.then(|| {
            format!(
                "{base}?preview=1&expires={expires}&signature={}",
                sign(true)
            )
        });
        AttachmentView {
            attachment: a,
            url,
            preview_url,
        }
    }
}

fn url_payload(id: AttachmentId, preview: bool, expires: i64) -> String {
    let kind = if preview { "preview" } else { "file" };
    format!("attachment:{id}:{kind}:{expires}")
}

/// Percent-encodes a file name for a URL path segment.
fn encode_segment(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub(crate) fn blob_failure(e: BlobError) -> Error {
    Error::Storage(crate::StoreError::Backend(e.to_string()))
}

async fn read_all(blobs: &dyn BlobStore, key: &str, size: u64) -> Result<Bytes> {
    let mut stream = blobs
        .get(key, None)
        .await
        .map_err(blob_failure)?
        .ok_or(Error::NotFound("attachment"))?;
    let mut buf = BytesMut::with_capacity(usize::try_from(size).unwrap_or(0));
    while let Some(chunk) = stream.next().await {
        buf.extend_from_slice(&chunk.map_err(blob_failure)?);
    }
    Ok(buf.freeze())
}
