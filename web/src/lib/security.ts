/** Pure helpers of the account security screens (two-factor sign-in, sessions). */

/** What a pasted or typed TOTP code becomes: its digits only ("123 456" → "123456"). */
export function totpDigits(input: string): string {
  return input.replace(/\D/g, '').slice(0, 6);
}

/** A recovery code as typed: trimmed, spaces dropped (the server ignores case and hyphens). */
export function recoveryInput(input: string): string {
  return input.replace(/\s/g, '');
}

/** A user agent in words: "Firefox on Linux", "Safari on iPhone", or "Unknown device". */
export function describeUserAgent(ua: string | null | undefined): string {
  if (!ua) return 'Unknown device';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /OPR\/|Opera/.test(ua)
      ? 'Opera'
      : /Firefox\//.test(ua)
        ? 'Firefox'
        : /Chrome\/|Chromium\//.test(ua)
          ? 'Chrome'
          : /Safari\//.test(ua)
            ? 'Safari'
            : /curl\//i.test(ua)
              ? 'curl'
              : null;
  const os = /iPhone/.test(ua)
    ? 'iPhone'
    : /iPad/.test(ua)
      ? 'iPad'
      : /Android/.test(ua)
        ? 'Android'
        : /Windows/.test(ua)
          ? 'Windows'
          : /Mac OS X|Macintosh/.test(ua)
            ? 'macOS'
            : /CrOS/.test(ua)
              ? 'ChromeOS'
              : /Linux/.test(ua)
                ? 'Linux'
                : null;
  if (browser && os) return `${browser} on ${os}`;
  if (browser) return browser;
  if (os) return `Browser on ${os}`;
  return ua.length > 40 ? `${ua.slice(0, 40)}…` : ua;
}

/** "Active now", "Active 5 minutes ago", "Active 3 days ago". */
export function lastActive(iso: string, now = Date.now()): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return 'Last activity unknown';
  const minutes = Math.floor(Math.max(0, now - t) / 60_000);
  if (minutes < 2) return 'Active now';
  if (minutes < 60) return `Active ${minutes} minutes ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `Active ${hours} hour${hours === 1 ? '' : 's'} ago`;
  const days = Math.floor(hours / 24);
  return `Active ${days} day${days === 1 ? '' : 's'} ago`;
}

/** The text file offered for download with a fresh set of recovery codes. */
export function recoveryCodesFile(username: string, codes: string[], now = new Date()): string {
  return [
    `Chat recovery codes for @${username}`,
    `Made ${now.toISOString()}`,
    '',
    'Each code signs you in once if you lose your authenticator app.',
    'Keep them somewhere safe; a new set replaces these.',
    '',
    ...codes,
    '',
  ].join('\n');
}
