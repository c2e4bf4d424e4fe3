'use client';
/**
 * Files being attached in the composer: each uploads at once (with a
 * progress bar and a cancel button), can be marked as a spoiler, and is
 * sent with the next message once its upload is done.
 */
import { useCallback, useRef, useState } from 'react';
import { ApiError } from '@/lib/api';
import { api } from '@/lib/client';
import type { Id } from '@/lib/types';
import { formatBytes } from './Attachments';

export interface UploadItem {
  key: string;
  name: string;
  size: number;
  sent: number;
  status: 'uploading' | 'done' | 'failed';
  id?: Id;
  error?: string;
  spoiler: boolean;
}

/** The composer's uploads: add files, cancel or remove one, toggle spoilers. */
export function useUploads(channelId: Id) {
  const [items, setItems] = useState<UploadItem[]>([]);
  const controllers = useRef(new Map<string, AbortController>());
  const update = (key: string, patch: Partial<UploadItem>) =>
    setItems((list) => list.map((i) => (i.key === key ? { ...i, ...patch } : i)));

  const add = useCallback(
    (files: File[]) => {
      for (const file of files.slice(0, 10)) {
        const key = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
        const ctrl = new AbortController();
        controllers.current.set(key, ctrl);
        const name = file.name || 'pasted-image.png';
        setItems((list): UploadItem[] => [...list, { key, name, size: file.size, sent: 0, status: 'uploading' as const, spoiler: false }].slice(-10));
        api
          .uploadAttachment(channelId, file, name, {
            signal: ctrl.signal,
            onProgress: (sent) => update(key, { sent }),
          })
          .then((u) => update(key, { status: 'done', id: u.id, sent: file.size, name: u.filename }))
          .catch((e: unknown) => {
            if (ctrl.signal.aborted) return;
            update(key, { status: 'failed', error: e instanceof ApiError ? e.message : 'Upload failed' });
          })
          .finally(() => controllers.current.delete(key));
      }
    },
    [channelId],
  );

  const remove = (key: string) => {
    controllers.current.get(key)?.abort();
    controllers.current.delete(key);
    setItems((list) => list.filter((i) => i.key !== key));
  };
  const toggleSpoiler = (key: string) => setItems((list) => list.map((i) => (i.key === key ? { ...i, spoiler: !i.spoiler } : i)));
  const clear = () => setItems([]);
  const ready = items.filter((i) => i.status === 'done' && i.id);
  const busy = items.some((i) => i.status === 'uploading');
  return { items, add, remove, toggleSpoiler, clear, ready, busy };
}

export function UploadTray({ uploads }: { uploads: ReturnType<typeof useUploads> }) {
  if (uploads.items.length === 0) return null;
  return (
    <ul aria-label="Files to send" className="mb-1 flex flex-wrap gap-2">
      {uploads.items.map((i) => {
        const pct = i.size ? Math.min(100, Math.round((i.sent / i.size) * 100)) : 100;
        return (
          <li key={i.key} className="w-56 rounded-md border border-gray-300 bg-white p-2 text-sm dark:border-gray-600 dark:bg-gray-800" data-testid="upload-item">
            <div className="flex items-center gap-2">
              <span className="min-w-0 flex-1 truncate font-medium text-gray-900 dark:text-gray-100" title={i.name}>
                {i.name}
              </span>
              <button
                type="button"
                onClick={() => uploads.remove(i.key)}
                className="rounded px-1 text-gray-700 hover:bg-gray-200 dark:text-gray-300 dark:hover:bg-gray-700"
                aria-label={i.status === 'uploading' ? `Cancel upload of ${i.name}` : `Remove ${i.name}`}
              >
                ✕
              </button>
            </div>
            <p className="text-xs text-gray-700 dark:text-gray-300">
              {i.status === 'failed' ? <span className="text-red-700 dark:text-red-300">{i.error}</span> : `${formatBytes(i.size)} · ${i.status === 'done' ? 'ready' : `${pct}%`}`}
            </p>
            <progress value={pct} max={100} aria-label={`Upload of ${i.name}`} className="h-1 w-full" />
            <label className="mt-1 flex items-center gap-1 text-xs text-gray-800 dark:text-gray-200">
              <input type="checkbox" checked={i.spoiler} onChange={() => uploads.toggleSpoiler(i.key)} />
              Spoiler
            </label>
          </li>
        );
      })}
    </ul>
  );
}
