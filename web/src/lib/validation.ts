/**
 * Field rules of shared/API.md ("Limits"), used for inline validation before
 * the server is asked. A "char" is a Unicode code point.
 */

export const LIMITS = {
  username: { min: 3, max: 32 },
  password: { min: 8, max: 128 },
  displayName: { min: 1, max: 64 },
  bio: { max: 500 },
  name: { min: 1, max: 100 },
  description: { max: 1000 },
  message: { min: 1, max: 4000 },
} as const;

/** Length in Unicode code points (what the server counts). */
export function charCount(s: string): number {
  let n = 0;
  for (const _ of s) n += 1;
  return n;
}

export function validateUsername(v: string): string | null {
  const n = charCount(v);
  if (n < LIMITS.username.min) return `Username must be at least ${LIMITS.username.min} characters.`;
  if (n > LIMITS.username.max) return `Username must be at most ${LIMITS.username.max} characters.`;
  if (!/^[A-Za-z0-9_.-]+$/.test(v)) return 'Use only letters, digits, dot (.), dash (-) and underscore (_).';
  return null;
}

export function validatePassword(v: string): string | null {
  const n = charCount(v);
  if (n < LIMITS.password.min) return `Password must be at least ${LIMITS.password.min} characters.`;
  if (n > LIMITS.password.max) return `Password must be at most ${LIMITS.password.max} characters.`;
  return null;
}

export function validateDisplayName(v: string, optional = false): string | null {
  const n = charCount(v.trim());
  if (n === 0) return optional ? null : 'Display name cannot be empty.';
  if (n > LIMITS.displayName.max) return `Display name must be at most ${LIMITS.displayName.max} characters.`;
  return null;
}

export function validateName(v: string, what = 'Name'): string | null {
  const n = charCount(v.trim());
  if (n < LIMITS.name.min) return `${what} cannot be empty.`;
  if (n > LIMITS.name.max) return `${what} must be at most ${LIMITS.name.max} characters.`;
  return null;
}

export function validateLongText(v: string, max: number, what: string): string | null {
  if (charCount(v) > max) return `${what} must be at most ${max} characters.`;
  return null;
}

export function validateMessage(v: string): string | null {
  const n = charCount(v.trim());
  if (n < LIMITS.message.min) return 'Message cannot be empty.';
  if (n > LIMITS.message.max) return `Message must be at most ${LIMITS.message.max} characters (now ${n}).`;
  return null;
}
