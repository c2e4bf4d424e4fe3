//! Image dimensions and previews with the `image` crate, on tokio's
//! blocking pool (decoding is CPU work that must not stall the async
//! workers), at most two at a time, and bounded: the dimensions are read
//! from the header first and an image over the pixel limit is refused
//! before any pixel is decoded; the decoder also gets an allocation limit.

use std::io::Cursor;
use std::sync::Arc;

use async_trait::async_trait;
use bytes::Bytes;
use chat_core::attachments::{ImageInfo, ImageProbe, ImageRefusal};
use image::{ImageFormat, ImageReader, Limits};
use tokio::sync::Semaphore;

/// The longer side of a preview, in pixels.
pub const PREVIEW_SIDE: u32 = 400;

/// Measures images and makes previews.
#[derive(Clone)]
pub struct ImageCrateProbe {
    permits: Arc<Semaphore>,
}

impl Default for ImageCrateProbe {
    fn default() -> Self {
        Self {
            permits: Arc::new(Semaphore::new(2)),
        }
    }
}

#[async_trait]
impl ImageProbe for ImageCrateProbe {
    async fn probe(&self, data: Bytes, max_pixels: u64) -> Result<ImageInfo, ImageRefusal> {
        let Ok(_permit) = self.permits.acquire().await else {
            return Err(ImageRefusal::Undecodable);
        };
        tokio::task::spawn_blocking(move || probe_now(&data, max_pixels))
            .await
            .unwrap_or(Err(ImageRefusal::Undecodable))
    }
}

/// The work itself, synchronous.
pub fn probe_now(data: &[u8], max_pixels: u64) -> Result<ImageInfo, ImageRefusal> {
    let reader = || {
        ImageReader::new(Cursor::new(data))
            .with_guessed_format()
            .map_err(|_| ImageRefusal::Undecodable)
    };
    let (width, height) = reader()?
        .into_dimensions()
        .map_err(|_| ImageRefusal::Undecodable)?;
    if u64::from(width) * u64::from(height) > max_pixels {
        return Err(ImageRefusal::TooManyPixels {
            width,
            height,
            max_pixels,
        });
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(width);
    limits.max_image_height = Some(height);
    limits.max_alloc = Some(max_pixels.saturating_mul(8).saturating_add(64 << 20));
    let mut decoder = reader()?;
    decoder.limits(limits);
    let preview = decoder.decode().ok().and_then(|img| {
        let small = if width > PREVIEW_SIDE || height > PREVIEW_SIDE {
            img.thumbnail(PREVIEW_SIDE, PREVIEW_SIDE)
        } else {
            img
        };
        let mut out = Cursor::new(Vec::new());
        let written = if small.color().has_alpha() {
            small.to_rgba8().write_to(&mut out, ImageFormat::Png)
        } else {
            small.to_rgb8().write_to(&mut out, ImageFormat::Jpeg)
        };
        written.ok().map(|()| Bytes::from(out.into_inner()))
    });
    Ok(ImageInfo {
        width,
        height,
        preview,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageBuffer, Rgb};

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img: ImageBuffer<Rgb<u8>, Vec<u8>> = ImageBuffer::from_pixel(w, h, Rgb([200, 10, 10]));
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn dimensions_and_a_small_preview() {
        let info = probe_now(&png(1000, 500), 10_000_000).unwrap();
        assert_eq!((info.width, info.height), (1000, 500));
        let preview = info.preview.expect("a preview");
        let (w, h) = ImageReader::new(Cursor::new(&preview[..]))
            .with_guessed_format()
            .unwrap()
            .into_dimensions()
            .unwrap();
        assert_eq!((w, h), (400, 200));
    }

    #[test]
    fn too_many_pixels_is_refused_from_the_header() {
        let refused = probe_now(&png(300, 300), 50_000);
        assert_eq!(
            refused.unwrap_err(),
            ImageRefusal::TooManyPixels {
                width: 300,
                height: 300,
                max_pixels: 50_000
            }
        );
    }

    #[test]
    fn garbage_is_undecodable() {
        assert_eq!(
            probe_now(b"\x89PNG\r\n\x1a\nnot really", 1000).unwrap_err(),
            ImageRefusal::Undecodable
        );
    }
}
