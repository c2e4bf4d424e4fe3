'use client';
/** Small shared building blocks: buttons, fields, dialogs (Radix), avatars, status dots. */
import * as RadixDialog from '@radix-ui/react-dialog';
import * as Tooltip from '@radix-ui/react-tooltip';
import { forwardRef, useId, useRef, useState, useSyncExternalStore, type ButtonHTMLAttributes, type ReactNode } from 'react';
import { charCount } from '@/lib/validation';
import type { Status } from '@/lib/types';
import { api } from '@/lib/client';
import { initials } from '@/lib/format';

export function cx(...parts: Array<string | false | null | undefined>): string {
  return parts.filter(Boolean).join(' ');
}

type Variant = 'primary' | 'secondary' | 'danger' | 'ghost';

const VARIANTS: Record<Variant, string> = {
  primary: 'bg-indigo-600 text-white hover:bg-indigo-700 disabled:bg-indigo-600/60',
  secondary:
    'bg-gray-200 text-gray-900 hover:bg-gray-300 dark:bg-gray-700 dark:text-gray-50 dark:hover:bg-gray-600',
  danger: 'bg-red-700 text-white hover:bg-red-800 disabled:bg-red-700/60',
  ghost: 'text-gray-700 hover:bg-gray-200 dark:text-gray-200 dark:hover:bg-gray-700',
};

export const Button = forwardRef<
  HTMLButtonElement,
  ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; busy?: boolean; size?: 'sm' | 'md' }
>(function Button({ variant = 'secondary', busy, size = 'md', className, children, disabled, type, ...rest }, ref) {
  return (
    <button
      ref={ref}
      type={type ?? 'button'}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      className={cx(
        'inline-flex items-center justify-center gap-2 rounded-md font-medium motion-safe:transition-colors disabled:cursor-not-allowed',
        size === 'sm' ? 'min-h-8 px-2.5 py-1 text-sm' : 'min-h-10 px-4 py-2 text-sm',
        VARIANTS[variant],
        className,
      )}
      {...rest}
    >
      {busy ? <Spinner /> : null}
      {children}
    </button>
  );
});

export const IconButton = forwardRef<
  HTMLButtonElement,
  ButtonHTMLAttributes<HTMLButtonElement> & { label: string; tooltip?: boolean }
>(function IconButton({ label, className, children, tooltip = true, type, ...rest }, ref) {
  const btn = (
    <button
      ref={ref}
      type={type ?? 'button'}
      aria-label={label}
      className={cx(
        'inline-flex h-9 min-w-9 items-center justify-center rounded-md text-gray-700 hover:bg-gray-200 hover:text-gray-900 dark:text-gray-300 dark:hover:bg-gray-700 dark:hover:text-white',
        className,
      )}
      {...rest}
    >
      {children}
    </button>
  );
  if (!tooltip) return btn;
  return (
    <Tip label={label} side="bottom" className="text-xs">
      {btn}
    </Tip>
  );
});

const HOVER_QUERY = '(hover: hover) and (pointer: fine)';

/** The hover query, where the environment has one (not every test DOM does). */
function hoverQuery(): MediaQueryList | null {
  return typeof window.matchMedia === 'function' ? window.matchMedia(HOVER_QUERY) : null;
}

function subscribeHover(onChange: () => void): () => void {
  const query = hoverQuery();
  query?.addEventListener('change', onChange);
  return () => query?.removeEventListener('change', onChange);
}

/** Whether the main pointer can hover (a mouse), not a finger. */
function useCanHover(): boolean {
  return useSyncExternalStore(
    subscribeHover,
    () => hoverQuery()?.matches ?? true,
    () => true,
  );
}

/** Whether focus on `el` shows a focus ring (came from the keyboard). */
function focusVisible(el: Element): boolean {
  try {
    return el.matches(':focus-visible');
  } catch {
    return true; // a DOM without the selector: keep the tooltip
  }
}

/**
 * A tooltip naming its trigger, for devices that hover only: on a touch
 * screen a tap focuses the trigger, and a tooltip opened by that focus stays
 * up with nothing to close it. For the same reason focus alone opens it only
 * when it came from the keyboard, not when a closing dialog or drawer hands
 * focus back to its opener (the tooltip would cover the next button). The
 * trigger's accessible name is its own `aria-label` either way.
 */
export function Tip({ label, side, className, children }: { label: string; side: 'bottom' | 'right'; className?: string; children: ReactNode }) {
  const canHover = useCanHover();
  if (!canHover) return <>{children}</>;
  return (
    <Tooltip.Root>
      <Tooltip.Trigger
        asChild
        onFocus={(e) => {
          // Radix skips its own focus handler for a prevented event.
          if (!focusVisible(e.currentTarget)) e.preventDefault();
        }}
      >
        {children}
      </Tooltip.Trigger>
      <Tooltip.Portal>
        <Tooltip.Content
          side={side}
          sideOffset={side === 'bottom' ? 4 : 6}
          className={cx('z-50 rounded bg-gray-900 px-2 py-1 text-white shadow dark:bg-gray-100 dark:text-gray-900', className)}
        >
          {label}
        </Tooltip.Content>
      </Tooltip.Portal>
    </Tooltip.Root>
  );
}

export function Spinner({ label }: { label?: string }) {
  return (
    <span className="inline-flex items-center gap-2">
      <span
        aria-hidden="true"
        className="inline-block h-4 w-4 rounded-full border-2 border-current border-t-transparent motion-safe:animate-spin"
      />
      {label ? <span>{label}</span> : null}
    </span>
  );
}

export function Loading({ label }: { label: string }) {
  return (
    <div role="status" className="flex items-center justify-center gap-2 p-6 text-sm text-gray-600 dark:text-gray-300">
      <Spinner label={label} />
    </div>
  );
}

export function ErrorState({ text, onRetry }: { text: string; onRetry?: () => void }) {
  return (
    <div role="alert" className="m-4 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
      <p>{text}</p>
      {onRetry ? (
        <Button size="sm" className="mt-2" onClick={onRetry}>
          Try again
        </Button>
      ) : null}
    </div>
  );
}

export function FormError({ text }: { text: string | null | undefined }) {
  if (!text) return null;
  return (
    <p role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-100">
      {text}
    </p>
  );
}

interface FieldProps {
  label: string;
  value: string;
  onChange: (v: string) => void;
  onBlur?: () => void;
  error?: string | null;
  hint?: string;
  max?: number;
  type?: string;
  autoComplete?: string;
  multiline?: boolean;
  required?: boolean;
  autoFocus?: boolean;
  name?: string;
  placeholder?: string;
  inputMode?: 'text' | 'numeric';
  spellCheck?: boolean;
  autoCapitalize?: string;
}

/** A labelled input whose error is tied to it (aria-invalid + aria-describedby). */
export function Field({ label, value, onChange, onBlur, error, hint, max, type = 'text', multiline, required, ...rest }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errId = `${id}-err`;
  const described = [hint || max ? hintId : null, error ? errId : null].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    value,
    onBlur,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': described,
    'aria-required': required || undefined,
    className: cx(
      'w-full rounded-md border bg-white px-3 py-2 text-gray-900 placeholder:text-gray-500 dark:bg-gray-950 dark:text-gray-100 dark:placeholder:text-gray-400',
      error ? 'border-red-600 dark:border-red-400' : 'border-gray-400 dark:border-gray-500',
    ),
    ...rest,
  };
  const count = max ? charCount(value) : 0;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-gray-800 dark:text-gray-100">
        {label}
        {required ? null : <span className="font-normal text-gray-600 dark:text-gray-300"> (optional)</span>}
      </label>
      {multiline ? (
        <textarea rows={3} {...common} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input type={type} {...common} onChange={(e) => onChange(e.target.value)} />
      )}
      {hint || max ? (
        <p id={hintId} className="text-xs text-gray-600 dark:text-gray-300">
          {hint}
          {max ? <span className={cx(count > max && 'font-semibold text-red-700 dark:text-red-300')}>{hint ? ' · ' : ''}{count}/{max}</span> : null}
        </p>
      ) : null}
      {error ? (
        <p id={errId} className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
    </div>
  );
}

interface DialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: ReactNode;
  children?: ReactNode;
  wide?: boolean;
}

/**
 * Focus return for dialogs opened from state rather than a Radix Trigger (Radix
 * only returns focus to its own Trigger). Remembers what had focus when the
 * dialog opened (or, for a menu item, the menu's trigger) and focuses it again on close.
 */
export function useReturnFocus() {
  const saved = useRef<HTMLElement | null>(null);
  return {
    onOpenAutoFocus: () => {
      let el = document.activeElement as HTMLElement | null;
      const menu = el?.closest('[role="menu"]');
      const labelledBy = menu?.getAttribute('aria-labelledby');
      if (labelledBy) el = document.getElementById(labelledBy) ?? el;
      saved.current = el && el !== document.body ? el : null;
    },
    onCloseAutoFocus: (e: Event) => {
      const el = saved.current;
      saved.current = null;
      if (el?.isConnected) {
        e.preventDefault();
        el.focus();
      }
    },
  };
}

/** A modal dialog: focus is trapped, Escape closes, focus returns to the opener (Radix). */
export function Dialog({ open, onOpenChange, title, description, children, wide }: DialogProps) {
  const focus = useReturnFocus();
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-black/50" />
        <RadixDialog.Content
          className={cx(
            'fixed left-1/2 top-1/2 z-50 max-h-[90vh] w-[calc(100vw-1.5rem)] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg bg-white p-5 text-gray-900 shadow-xl dark:bg-gray-800 dark:text-gray-100',
            wide ? 'max-w-2xl' : 'max-w-md',
          )}
          onOpenAutoFocus={focus.onOpenAutoFocus}
          onCloseAutoFocus={focus.onCloseAutoFocus}
          {...(description ? {} : { 'aria-describedby': undefined })}
        >
          <RadixDialog.Title className="mb-3 pr-10 text-lg font-semibold">{title}</RadixDialog.Title>
          {description ? (
            <RadixDialog.Description className="mb-4 text-sm text-gray-700 dark:text-gray-200">{description}</RadixDialog.Description>
          ) : null}
          {children}
          {/* Last in tab order so the first field (or Cancel) gets focus on open. */}
          <RadixDialog.Close asChild>
            <IconButton label="Close" tooltip={false} className="absolute right-3 top-3">
              <XIcon />
            </IconButton>
          </RadixDialog.Close>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

interface ConfirmProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  busy?: boolean;
  error?: string | null;
  destructive?: boolean;
}

/** Confirmation for a destructive step: "Cancel" is focused first, the action is named plainly. */
export function ConfirmDialog({ open, onOpenChange, title, description, confirmLabel, onConfirm, busy, error, destructive = true }: ConfirmProps) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={title} description={description}>
      <FormError text={error} />
      <div className="mt-4 flex flex-wrap justify-end gap-2">
        <RadixDialog.Close asChild>
          <Button>Cancel</Button>
        </RadixDialog.Close>
        <Button variant={destructive ? 'danger' : 'primary'} busy={busy} onClick={onConfirm}>
          {confirmLabel}
        </Button>
      </div>
    </Dialog>
  );
}

export const DialogClose = RadixDialog.Close;

const STATUS_TEXT: Record<Status | 'invisible', string> = {
  online: 'Online',
  away: 'Away',
  dnd: 'Do not disturb',
  offline: 'Offline',
  invisible: 'Invisible',
};

export function statusText(s: Status | 'invisible'): string {
  return STATUS_TEXT[s];
}

const STATUS_COLOR: Record<Status | 'invisible', string> = {
  online: 'text-green-600',
  away: 'text-amber-500',
  dnd: 'text-red-600',
  offline: 'text-gray-500',
  invisible: 'text-gray-500',
};

/**
 * The status badge on an avatar: a shape per status as well as a colour
 * (WCAG 1.4.1): a filled dot (online), a crescent (away), a dot with a bar
 * (do not disturb), a ring (offline/invisible). Names carry the text.
 */
export function StatusBadge({ status, className }: { status: Status | 'invisible'; className?: string }) {
  const hole = 'fill-white dark:fill-gray-800';
  return (
    <svg
      viewBox="0 0 14 14"
      aria-hidden="true"
      data-status={status}
      className={cx('rounded-full bg-white dark:bg-gray-800', STATUS_COLOR[status], className)}
    >
      {status === 'online' ? <circle cx="7" cy="7" r="6" fill="currentColor" /> : null}
      {status === 'away' ? (
        <>
          <circle cx="7" cy="7" r="6" fill="currentColor" />
          <circle cx="4" cy="4" r="3.8" className={hole} />
        </>
      ) : null}
      {status === 'dnd' ? (
        <>
          <circle cx="7" cy="7" r="6" fill="currentColor" />
          <rect x="3" y="5.7" width="8" height="2.6" rx="1.3" className={hole} />
        </>
      ) : null}
      {status === 'offline' || status === 'invisible' ? <circle cx="7" cy="7" r="4.5" fill="none" stroke="currentColor" strokeWidth="3" /> : null}
    </svg>
  );
}

/** Dark enough behind white initials (≥ 4.5:1) in both themes. */
const AVATAR_COLORS = ['bg-indigo-700', 'bg-emerald-800', 'bg-rose-700', 'bg-sky-800', 'bg-amber-800', 'bg-violet-700', 'bg-teal-800', 'bg-fuchsia-800'];

/** A colour picked from the user id (or name), stable across sessions. */
export function avatarColor(key: string): string {
  let h = 0;
  for (const ch of key) h = (h * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return AVATAR_COLORS[h % AVATAR_COLORS.length] ?? 'bg-indigo-700';
}

/**
 * A round avatar: the picture at `src` (an API path such as `avatar_url`)
 * when there is one and it loads, else initials on a colour from the id.
 */
export function Avatar({ name, status, size = 'md', id, src }: { name: string; status?: Status | 'invisible'; size?: 'sm' | 'md'; id?: string; src?: string | null }) {
  const [failed, setFailed] = useState<string | null>(null);
  const picture = src && failed !== src ? api.fileUrl(src) : null;
  return (
    <span className={cx('relative inline-flex shrink-0', size === 'sm' ? 'h-8 w-8' : 'h-10 w-10')} aria-hidden="true">
      {picture ? (
        // eslint-disable-next-line @next/next/no-img-element
        <img src={picture} alt="" data-avatar="picture" className="h-full w-full rounded-full object-cover" onError={() => setFailed(src ?? null)} />
      ) : (
        <span
          className={cx(
            'flex h-full w-full items-center justify-center rounded-full font-semibold text-white',
            avatarColor(id ?? name),
            size === 'sm' ? 'text-sm' : 'text-base',
          )}
        >
          {initials(name)}
        </span>
      )}
      {status ? <StatusBadge status={status} className="absolute -bottom-0.5 -right-0.5 h-4 w-4 p-[1.5px]" /> : null}
    </span>
  );
}

/**
 * A server's icon (`icon_url`, an API path). Decorative: the server's name
 * is always beside it or in the control's label.
 */
export function ServerPicture({ src, className }: { src: string; className?: string }) {
  // eslint-disable-next-line @next/next/no-img-element
  return <img src={api.fileUrl(src)} alt="" data-server-icon="picture" className={cx('object-cover', className)} />;
}

export function VisuallyHidden({ children }: { children: ReactNode }) {
  return <span className="sr-only">{children}</span>;
}

// ---- icons (inline SVG, decorative) ---------------------------------------

function Svg({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" className={cx('h-5 w-5', className)}>
      {children}
    </svg>
  );
}
export const XIcon = () => (
  <Svg>
    <path d="M18 6 6 18M6 6l12 12" />
  </Svg>
);
export const PlusIcon = () => (
  <Svg>
    <path d="M12 5v14M5 12h14" />
  </Svg>
);
export const MenuIcon = () => (
  <Svg>
    <path d="M4 6h16M4 12h16M4 18h16" />
  </Svg>
);
export const UsersIcon = () => (
  <Svg>
    <path d="M16 21v-2a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4v2" />
    <circle cx="9" cy="7" r="4" />
    <path d="M22 21v-2a4 4 0 0 0-3-3.87M16 3.13a4 4 0 0 1 0 7.75" />
  </Svg>
);
export const GearIcon = () => (
  <Svg>
    <circle cx="12" cy="12" r="3" />
    <path d="M19.4 15a1.65 1.65 0 0 0 .33 1.82l.06.06a2 2 0 1 1-2.83 2.83l-.06-.06a1.65 1.65 0 0 0-1.82-.33 1.65 1.65 0 0 0-1 1.51V21a2 2 0 1 1-4 0v-.09A1.65 1.65 0 0 0 9 19.4a1.65 1.65 0 0 0-1.82.33l-.06.06a2 2 0 1 1-2.83-2.83l.06-.06A1.65 1.65 0 0 0 4.68 15a1.65 1.65 0 0 0-1.51-1H3a2 2 0 1 1 0-4h.09A1.65 1.65 0 0 0 4.6 9a1.65 1.65 0 0 0-.33-1.82l-.06-.06a2 2 0 1 1 2.83-2.83l.06.06A1.65 1.65 0 0 0 9 4.68a1.65 1.65 0 0 0 1-1.51V3a2 2 0 1 1 4 0v.09a1.65 1.65 0 0 0 1 1.51 1.65 1.65 0 0 0 1.82-.33l.06-.06a2 2 0 1 1 2.83 2.83l-.06.06A1.65 1.65 0 0 0 19.4 9a1.65 1.65 0 0 0 1.51 1H21a2 2 0 1 1 0 4h-.09a1.65 1.65 0 0 0-1.51 1z" />
  </Svg>
);
export const DotsIcon = () => (
  <Svg>
    <circle cx="12" cy="5" r="1" />
    <circle cx="12" cy="12" r="1" />
    <circle cx="12" cy="19" r="1" />
  </Svg>
);
export const ChevronDownIcon = () => (
  <Svg className="h-4 w-4">
    <path d="m6 9 6 6 6-6" />
  </Svg>
);
export const HashIcon = () => (
  <Svg className="h-4 w-4">
    <path d="M4 9h16M4 15h16M10 3 8 21M16 3l-2 18" />
  </Svg>
);
export const SunMoonIcon = () => (
  <Svg>
    <path d="M12 3a6 6 0 0 0 9 9 9 9 0 1 1-9-9Z" />
  </Svg>
);
