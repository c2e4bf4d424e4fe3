/**
 * A favicon with the number of unread mentions drawn on it (the tab's icon
 * tells you, as the title does, when you were mentioned elsewhere).
 */
import { useEffect } from 'react';
import { badgeText } from './unread';

let original: string | null = null;

function iconLink(): HTMLLinkElement {
  let link = document.querySelector<HTMLLinkElement>('link[rel~="icon"]');
  if (!link) {
    link = document.createElement('link');
    link.rel = 'icon';
    document.head.appendChild(link);
  }
  return link;
}

/** A 64×64 PNG data URL: the app's mark with a red count badge. */
export function drawBadge(count: number): string | null {
  const canvas = document.createElement('canvas');
  canvas.width = 64;
  canvas.height = 64;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.fillStyle = '#4f46e5';
  ctx.beginPath();
  ctx.arc(28, 36, 26, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = '#b91c1c';
  ctx.beginPath();
  ctx.arc(44, 20, 20, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = '#ffffff';
  ctx.font = 'bold 24px sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(badgeText(count), 44, 21);
  try {
    return canvas.toDataURL('image/png');
  } catch {
    return null;
  }
}

/** Shows `count` on the favicon while it is above zero; the plain icon otherwise. */
export function useFaviconBadge(count: number): void {
  useEffect(() => {
    if (typeof document === 'undefined') return;
    const link = iconLink();
    if (original === null) original = link.href || '';
    const badge = count > 0 ? drawBadge(count) : null;
    if (badge) {
      link.href = badge;
      link.dataset.mentions = String(count);
    } else {
      link.href = original;
      delete link.dataset.mentions;
    }
  }, [count]);
}
