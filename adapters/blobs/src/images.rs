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
use image::imageops::FilterType;
use image::{DynamicImage, ImageFormat, ImageReader, Limits};
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
        self.off_workers(move || probe_now(&data, max_pixels)).await
    }

    async fn square_png(
        &self,
        data: Bytes,
        side: u32,
        max_pixels: u64,
    ) -> Result<Bytes, ImageRefusal> {
        self.off_workers(move || square_png_now(&data, side, max_pixels))
            .await
    }
}

impl ImageCrateProbe {
    /// Runs `work` on the blocking pool, at most two at a time.
    async fn off_workers<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> Result<T, ImageRefusal> + Send + 'static,
    ) -> Result<T, ImageRefusal> {
        let Ok(_permit) = self.permits.acquire().await else {
            return Err(ImageRefusal::Undecodable);
        };
        tokio::task::spawn_blocking(work)
            .await
            .unwrap_or(Err(ImageRefusal::Undecodable))
    }
}

/// The decompression-bomb guard: reads the dimensions from the header,
/// refuses more than `max_pixels`, then decodes under an allocation limit.
/// Answers the dimensions, and the pixels when they could be decoded.
fn decode_guarded(
    data: &[u8],
    max_pixels: u64,
) -> Result<(u32, u32, Option<DynamicImage>), ImageRefusal> {
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
    Ok((width, height, decoder.decode().ok()))
}

/// The work itself, synchronous.
pub fn probe_now(data: &[u8], max_pixels: u64) -> Result<ImageInfo, ImageRefusal> {
    let (width, height, decoded) = decode_guarded(data, max_pixels)?;
    let preview = decoded.and_then(|img| {
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

/// The centred square of the image, `side`×`side`, as a new PNG (only
/// pixels are copied: no metadata survives). Synchronous.
pub fn square_png_now(data: &[u8], side: u32, max_pixels: u64) -> Result<Bytes, ImageRefusal> {
    let (width, height, decoded) = decode_guarded(data, max_pixels)?;
    let img = decoded.ok_or(ImageRefusal::Undecodable)?;
    let edge = width.min(height);
    if edge == 0 {
        return Err(ImageRefusal::Undecodable);
    }
    let square = img
        .crop_imm((width - edge) / 2, (height - edge) / 2, edge, edge)
        .resize_exact(side, side, FilterType::Lanczos3)
        .to_rgba8();
    let mut out = Cursor::new(Vec::new());
    square
        .write_to(&mut out, ImageFormat::Png)
        .map_err(|_| ImageRefusal::Undecodable)?;
    Ok(Bytes::from(out.into_inner()))
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
    fn a_square_of_the_centre_scaled_to_the_side() {
        // A wide image: red left third, green middle, blue right third.
        let img: ImageBuffer<Rgb<u8>, Vec<u8>> = ImageBuffer::from_fn(300, 100, |x, _| match x {
            0..=99 => Rgb([255, 0, 0]),
            100..=199 => Rgb([0, 255, 0]),
            _ => Rgb([0, 0, 255]),
        });
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, ImageFormat::Png).unwrap();
        let png = square_png_now(&out.into_inner(), 64, 1_000_000).unwrap();
        let back = image::load_from_memory_with_format(&png, ImageFormat::Png)
            .unwrap()
            .to_rgba8();
        assert_eq!(back.dimensions(), (64, 64));
        // Only the green middle is kept.
        assert_eq!(back.get_pixel(32, 32).0, [0, 255, 0, 255]);
        assert_eq!(back.get_pixel(1, 1).0, [0, 255, 0, 255]);
    }

    #[test]
    fn a_square_is_refused_over_the_pixel_limit() {
        assert!(matches!(
            square_png_now(&png(300, 300), 64, 50_000),
            Err(ImageRefusal::TooManyPixels { .. })
        ));
        assert_eq!(
            square_png_now(b"GIF89a garbage", 64, 50_000).unwrap_err(),
            ImageRefusal::Undecodable
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
