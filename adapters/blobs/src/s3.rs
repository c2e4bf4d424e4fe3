//! Blobs as objects of an S3-compatible bucket, through `object_store`.
//!
//! `put` streams with a multipart upload (parts of 5 MiB, so an upload
//! holds at most about one part in memory) and aborts it when the stream
//! fails, so nothing is left under the key. Configured from a URL,
//! `s3://bucket?endpoint=http://host:port&region=…`, with credentials
//! from the environment (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`).

use std::sync::Arc;

use async_trait::async_trait;
use chat_core::attachments::{BlobError, BlobStore, BlobStream, ByteRange};
use futures::StreamExt;
use object_store::aws::AmazonS3Builder;
use object_store::path::Path;
use object_store::{GetOptions, GetRange, ObjectStore, WriteMultipart};

/// Blobs in an S3 bucket.
#[derive(Debug, Clone)]
pub struct S3BlobStore {
    store: Arc<dyn ObjectStore>,
    prefix: String,
}

fn backend(e: impl std::fmt::Display) -> BlobError {
    BlobError::Backend(e.to_string())
}

impl S3BlobStore {
    /// Opens `s3://bucket[/prefix]?endpoint=…&region=…`; credentials and
    /// anything else unsaid come from the `AWS_*` environment variables.
    pub fn from_url(url: &str) -> Result<Self, String> {
        let rest = url
            .strip_prefix("s3://")
            .ok_or("a blob store URL starts with s3://")?;
        let (location, query) = rest.split_once('?').unwrap_or((rest, ""));
        let (bucket, prefix) = location.split_once('/').unwrap_or((location, ""));
        if bucket.is_empty() {
            return Err("the s3:// URL names no bucket".into());
        }
        let mut builder = AmazonS3Builder::from_env().with_bucket_name(bucket);
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            builder = match key {
                "endpoint" => builder
                    .with_allow_http(value.starts_with("http://"))
                    .with_endpoint(value),
                "region" => builder.with_region(value),
                other => {
                    return Err(format!(
                        "unknown s3:// setting {other:?} (endpoint, region)"
                    ))
                }
            };
        }
        let store = builder.build().map_err(|e| e.to_string())?;
        Ok(Self {
            store: Arc::new(store),
            prefix: prefix.trim_matches('/').to_owned(),
        })
    }

    fn path(&self, key: &str) -> Path {
        if self.prefix.is_empty() {
            Path::from(key)
        } else {
            Path::from(format!("{}/{key}", self.prefix))
        }
    }
}

#[async_trait]
impl BlobStore for S3BlobStore {
    async fn put(&self, key: &str, mut body: BlobStream) -> Result<u64, BlobError> {
        let upload = self
            .store
            .put_multipart(&self.path(key))
            .await
            .map_err(backend)?;
        let mut writer = WriteMultipart::new(upload);
        let mut written = 0u64;
        while let Some(chunk) = body.next().await {
            let chunk = match chunk {
                Ok(c) => c,
                Err(e) => {
                    let _ = writer.abort().await;
                    return Err(e);
                }
            };
            if let Err(e) = writer.wait_for_capacity(2).await {
                let _ = writer.abort().await;
                return Err(backend(e));
            }
            written += chunk.len() as u64;
            writer.put(chunk);
        }
        writer.finish().await.map_err(backend)?;
        Ok(written)
    }

    async fn get(
        &self,
        key: &str,
        range: Option<ByteRange>,
    ) -> Result<Option<BlobStream>, BlobError> {
        let path = self.path(key);
        let range = match range {
            None => None,
            Some(r) => {
                let Some(size) = self.head(key).await? else {
                    return Ok(None);
                };
                if r.start >= size {
                    return Ok(Some(Box::pin(futures::stream::empty())));
                }
                Some(GetRange::Bounded(r.start..r.end.min(size - 1) + 1))
            }
        };
        let options = GetOptions {
            range,
            ..GetOptions::default()
        };
        match self.store.get_opts(&path, options).await {
            Ok(result) => Ok(Some(Box::pin(
                result.into_stream().map(|c| c.map_err(backend)),
            ))),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(backend(e)),
        }
    }

    async fn head(&self, key: &str) -> Result<Option<u64>, BlobError> {
        match self.store.head(&self.path(key)).await {
            Ok(meta) => Ok(Some(meta.size)),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(backend(e)),
        }
    }

    async fn delete(&self, key: &str) -> Result<(), BlobError> {
        match self.store.delete(&self.path(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(backend(e)),
        }
    }
}
