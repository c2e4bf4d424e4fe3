'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '@/lib/client';
import type { Attachment } from '@/lib/types';

const INLINE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
/** The largest box an inline preview takes in the message list. */
const MAX_W = 400;
const MAX_H = 300;

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

function isImage(a: Attachment): boolean {
  return INLINE.has(a.content_type) && !!a.width && !!a.height;
}

/** The preview's box, scaled to fit MAX_W×MAX_H, so the layout never jumps. */
function box(a: Attachment): { width: number; height: number } {
  const w = a.width ?? MAX_W;
  const h = a.height ?? MAX_H;
  const scale = Math.min(1, MAX_W / w, MAX_H / h);
  return { width: Math.max(1, Math.round(w * scale)), height: Math.max(1, Math.round(h * scale)) };
}

/** A message's files: images inline (previews), others as cards. */
export function Attachments({ attachments }: { attachments: Attachment[] }) {
  const [viewing, setViewing] = useState<number | null>(null);
  const images = attachments.filter(isImage);
  if (attachments.length === 0) return null;
  return (
    <div className="mt-1 flex flex-wrap gap-2" data-testid="attachments">
      {attachments.map((a) =>
        isImage(a) ? (
          <ImageTile key={a.id} a={a} onOpen={() => setViewing(images.indexOf(a))} />
        ) : (
          <FileCard key={a.id} a={a} />
        ),
      )}
      {viewing !== null && images[viewing] ? (
        <Viewer images={images} index={viewing} onIndex={setViewing} onClose={() => setViewing(null)} />
      ) : null}
    </div>
  );
}

function Spoiler({ a, children }: { a: Attachment; children: (hidden: boolean) => React.ReactNode }) {
  const [shown, setShown] = useState(!a.spoiler);
  if (shown) return <>{children(false)}</>;
  return (
    <button
      type="button"
      onClick={() => setShown(true)}
      className="relative overflow-hidden rounded-md"
      aria-label={`Spoiler: ${a.filename}. Show it`}
    >
      <span className="pointer-events-none block blur-xl" aria-hidden="true">
        {children(true)}
      </span>
      <span className="absolute inset-0 flex items-center justify-center bg-black/40 text-sm font-semibold uppercase text-white">Spoiler</span>
    </button>
  );
}

function ImageTile({ a, onOpen }: { a: Attachment; onOpen: () => void }) {
  const { width, height } = box(a);
  const src = api.fileUrl(a.preview_url ?? a.url);
  return (
    <Spoiler a={a}>
      {(hidden) => {
        const img = (
          // eslint-disable-next-line @next/next/no-img-element
          <img
            src={src}
            alt={a.filename}
            width={width}
            height={height}
            loading="lazy"
            style={{ width, height, maxWidth: '100%', aspectRatio: `${width} / ${height}` }}
            className="block rounded-md bg-gray-200 object-cover dark:bg-gray-700"
          />
        );
        return hidden ? (
          img
        ) : (
          <button type="button" onClick={onOpen} className="block rounded-md focus-visible:ring-2 focus-visible:ring-indigo-600" aria-label={`Open image ${a.filename}`}>
            {img}
          </button>
        );
      }}
    </Spoiler>
  );
}

function FileCard({ a }: { a: Attachment }) {
  return (
    <Spoiler a={a}>
      {() => (
        <div className="flex max-w-sm items-center gap-3 rounded-md border border-gray-300 bg-gray-50 px-3 py-2 dark:border-gray-600 dark:bg-gray-800">
          <span aria-hidden="true" className="text-2xl">
            📄
          </span>
          <div className="min-w-0 flex-1">
            <p className="truncate font-medium text-gray-900 dark:text-gray-100" title={a.filename}>
              {a.filename}
            </p>
            <p className="text-xs text-gray-700 dark:text-gray-300">{formatBytes(a.size)}</p>
          </div>
          <a
            href={api.fileUrl(a.url)}
            download={a.filename}
            className="rounded px-2 py-1 text-sm font-medium text-indigo-700 underline hover:bg-gray-200 dark:text-indigo-300 dark:hover:bg-gray-700"
            aria-label={`Download ${a.filename} (${formatBytes(a.size)})`}
          >
            Download
          </a>
        </div>
      )}
    </Spoiler>
  );
}

/** Full-size viewer: Escape closes, arrows move between the message's images. */
function Viewer({ images, index, onIndex, onClose }: { images: Attachment[]; index: number; onIndex: (i: number) => void; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const a = images[index];
  const move = useCallback((by: number) => onIndex((index + by + images.length) % images.length), [index, images.length, onIndex]);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal?.();
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'ArrowRight') move(1);
      else if (e.key === 'ArrowLeft') move(-1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [move]);
  if (!a) return null;
  return (
    <dialog
      ref={ref}
      aria-label={`Image ${index + 1} of ${images.length}: ${a.filename}`}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      className="max-h-[95vh] max-w-[95vw] bg-transparent p-0 backdrop:bg-black/80"
      data-testid="image-viewer"
    >
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img src={api.fileUrl(a.url)} alt={a.filename} className="max-h-[85vh] max-w-[95vw] object-contain" />
      <div className="mt-2 flex items-center justify-between gap-2 text-white">
        <span className="truncate">{a.filename}</span>
        <span className="flex gap-2">
          {images.length > 1 ? (
            <>
              <button type="button" onClick={() => move(-1)} className="rounded bg-white/20 px-2 py-1">
                ← Previous
              </button>
              <button type="button" onClick={() => move(1)} className="rounded bg-white/20 px-2 py-1">
                Next →
              </button>
            </>
          ) : null}
          <a href={api.fileUrl(a.url)} download={a.filename} className="rounded bg-white/20 px-2 py-1">
            Download
          </a>
          <button type="button" onClick={onClose} className="rounded bg-white/20 px-2 py-1">
            Close
          </button>
        </span>
      </div>
    </dialog>
  );
}
