//! Blobs as files: `<root>/<key[0..2]>/<key>`. A blob is written to a
//! temporary file beside it and renamed into place once complete, so a
//! reader never sees half a file and a failed upload leaves nothing.

use std::io::SeekFrom;
use std::path::{Path, PathBuf};

use async_trait::async_trait;
use bytes::Bytes;
use chat_core::attachments::{BlobError, BlobStore, BlobStream, ByteRange};
use futures::StreamExt;
use tokio::io::{AsyncReadExt, AsyncSeekExt, AsyncWriteExt};

/// How many bytes a read hands out at once.
const CHUNK: usize = 64 * 1024;

/// Blobs in a directory.
#[derive(Debug, Clone)]
pub struct FsBlobStore {
    root: PathBuf,
}

impl FsBlobStore {
    /// Blobs under `root` (created if missing).
    pub fn open(root: impl Into<PathBuf>) -> std::io::Result<Self> {
        let root = root.into();
        std::fs::create_dir_all(root.join("tmp"))?;
        Ok(Self { root })
    }

    /// Where the blobs live.
    pub fn root(&self) -> &Path {
        &self.root
    }

    fn path(&self, key: &str) -> Result<PathBuf, BlobError> {
        let safe = !key.is_empty()
            && key.len() <= 128
            && key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'))
            && !key.starts_with('.');
        if !safe {
            return Err(BlobError::Backend(format!("invalid blob key {key:?}")));
        }
        let shard = &key[..key.len().min(2)];
        Ok(self.root.join(shard).join(key))
    }
}

fn io(e: std::io::Error) -> BlobError {
    BlobError::Backend(e.to_string())
}

#[async_trait]
impl BlobStore for FsBlobStore {
    async fn put(&self, key: &str, mut body: BlobStream) -> Result<u64, BlobError> {
        let path = self.path(key)?;
        if let Some(dir) = path.parent() {
            tokio::fs::create_dir_all(dir).await.map_err(io)?;
        }
        let tmp = self
            .root
            .join("tmp")
            .join(format!("{key}.{}", uuid::Uuid::new_v4().simple()));
        let mut file = tokio::fs::File::create(&tmp).await.map_err(io)?;
        let mut written = 0u64;
        let outcome: Result<(), BlobError> = async {
            while let Some(chunk) = body.next().await {
                let chunk = chunk?;
                file.write_all(&chunk).await.map_err(io)?;
                written += chunk.len() as u64;
            }
            file.flush().await.map_err(io)?;
            file.sync_all().await.map_err(io)?;
            Ok(())
        }
        .await;
        drop(file);
        if let Err(e) = outcome {
            let _ = tokio::fs::remove_file(&tmp).await;
            return Err(e);
        }
        if let Err(e) = tokio::fs::rename(&tmp, &path).await {
            let _ = tokio::fs::remove_file(&tmp).await;
            return Err(io(e));
        }
        Ok(written)
    }

    async fn get(
        &self,
        key: &str,
        range: Option<ByteRange>,
    ) -> Result<Option<BlobStream>, BlobError> {
        let path = self.path(key)?;
        let mut file = match tokio::fs::File::open(&path).await {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io(e)),
        };
        let size = file.metadata().await.map_err(io)?.len();
        let (start, left) = match range {
            None => (0, size),
            Some(r) if r.start >= size => (size, 0),
            Some(r) => (r.start, r.end.min(size - 1) - r.start + 1),
        };
        file.seek(SeekFrom::Start(start)).await.map_err(io)?;
        let state = (file, vec![0u8; CHUNK], left);
        let stream = futures::stream::unfold(state, |(mut file, mut buf, left)| async move {
            if left == 0 {
                return None;
            }
            let want = buf.len().min(usize::try_from(left).unwrap_or(CHUNK));
            match file.read(&mut buf[..want]).await {
                Ok(0) => None,
                Ok(n) => {
                    let chunk = Bytes::copy_from_slice(&buf[..n]);
                    Some((Ok(chunk), (file, buf, left - n as u64)))
                }
                Err(e) => Some((Err(io(e)), (file, buf, 0))),
            }
        });
        Ok(Some(Box::pin(stream)))
    }

    async fn head(&self, key: &str) -> Result<Option<u64>, BlobError> {
        let path = self.path(key)?;
        match tokio::fs::metadata(&path).await {
            Ok(m) => Ok(Some(m.len())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(io(e)),
        }
    }

    async fn delete(&self, key: &str) -> Result<(), BlobError> {
        let path = self.path(key)?;
        match tokio::fs::remove_file(&path).await {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(io(e)),
        }
    }
}
