'use client';
/**
 * The "Security" part of the profile dialog: two-factor sign-in (set up with a
 * QR code made in the browser, recovery codes shown once), password change,
 * and the sessions list with "Sign out" per session and for all others.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { isApiError, type ApiError } from '@/lib/api';
import { api } from '@/lib/client';
import { describeUserAgent, lastActive, recoveryCodesFile, recoveryInput } from '@/lib/security';
import type { MfaStatus, SessionInfo, TotpSetup, User } from '@/lib/types';
import { validatePassword } from '@/lib/validation';
import { Button, Field, FormError } from './ui';

const MFA_KEY = ['me', 'mfa'] as const;
const SESSIONS_KEY = ['me', 'sessions'] as const;

/** The error text for a field, when the server named it. */
function fieldError(err: unknown, field: string): string | null {
  return isApiError(err) && err.field === field ? err.message : null;
}

function formError(err: unknown, fields: string[]): string | null {
  if (!err) return null;
  if (isApiError(err) && err.field && fields.includes(err.field)) return null;
  return isApiError(err) ? err.message : 'Something went wrong. Please try again.';
}

export function SecuritySection({ user }: { user: User }) {
  return (
    <section aria-labelledby="security-h" className="mt-6 flex flex-col gap-6">
      <h3 id="security-h" className="text-lg font-semibold">
        Security
      </h3>
      <TwoFactor user={user} />
      <ChangePassword />
      <Sessions />
    </section>
  );
}

// ---- two-factor sign-in -----------------------------------------------------

type Step = { kind: 'idle' } | { kind: 'password' } | { kind: 'scan'; setup: TotpSetup } | { kind: 'codes'; codes: string[] };

function TwoFactor({ user }: { user: User }) {
  const qc = useQueryClient();
  const status = useQuery<MfaStatus, ApiError>({ queryKey: MFA_KEY, queryFn: () => api.mfaStatus() });
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [manage, setManage] = useState<'disable' | 'codes' | null>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: MFA_KEY });

  let body;
  if (step.kind === 'password') {
    body = <SetupPassword onCancel={() => setStep({ kind: 'idle' })} onReady={(setup) => setStep({ kind: 'scan', setup })} />;
  } else if (step.kind === 'scan') {
    body = (
      <ScanAndConfirm
        setup={step.setup}
        onCancel={() => setStep({ kind: 'idle' })}
        onEnabled={(codes) => {
          setStep({ kind: 'codes', codes });
          refresh();
        }}
      />
    );
  } else if (step.kind === 'codes') {
    body = <RecoveryCodesOnce username={user.username} codes={step.codes} onDone={() => setStep({ kind: 'idle' })} />;
  } else if (status.data?.enabled) {
    body = (
      <>
        <p className="text-sm">
          <strong>On.</strong> Logging in asks for a code from your authenticator app.{' '}
          {status.data.recovery_codes_left} recovery code{status.data.recovery_codes_left === 1 ? '' : 's'} left.
        </p>
        {manage ? (
          <ConfirmWithCode
            mode={manage}
            onCancel={() => setManage(null)}
            onDone={(codes) => {
              setManage(null);
              refresh();
              if (codes) setStep({ kind: 'codes', codes });
            }}
          />
        ) : (
          <div className="flex flex-wrap gap-2">
            <Button onClick={() => setManage('codes')}>New recovery codes…</Button>
            <Button variant="danger" onClick={() => setManage('disable')}>
              Turn off…
            </Button>
          </div>
        )}
      </>
    );
  } else {
    body = (
      <>
        <p className="text-sm">
          <strong>Off.</strong> Add a second step to logging in: a 6-digit code from an authenticator app on your phone.
        </p>
        <div>
          <Button variant="primary" onClick={() => setStep({ kind: 'password' })} disabled={status.isLoading}>
            Set up two-factor sign-in
          </Button>
        </div>
      </>
    );
  }

  return (
    <div aria-labelledby="mfa-h" role="group" className="flex flex-col gap-3 rounded-md border border-gray-300 p-4 dark:border-gray-600">
      <h4 id="mfa-h" className="font-semibold">
        Two-factor sign-in
      </h4>
      {status.error ? <FormError text={status.error.message} /> : null}
      {body}
    </div>
  );
}

function SetupPassword({ onCancel, onReady }: { onCancel: () => void; onReady: (s: TotpSetup) => void }) {
  const [password, setPassword] = useState('');
  const start = useMutation<TotpSetup, ApiError, string>({ mutationFn: (p) => api.setupTotp(p), onSuccess: onReady });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (password) start.mutate(password);
  };
  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-3" aria-label="Start two-factor setup">
      <Field
        label="Your password"
        type="password"
        autoComplete="current-password"
        required
        autoFocus
        value={password}
        onChange={setPassword}
        error={fieldError(start.error, 'password')}
        hint="To make sure it is you."
      />
      <FormError text={formError(start.error, ['password'])} />
      <div className="flex gap-2">
        <Button type="submit" variant="primary" busy={start.isPending}>
          Continue
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}

function ScanAndConfirm({ setup, onCancel, onEnabled }: { setup: TotpSetup; onCancel: () => void; onEnabled: (codes: string[]) => void }) {
  const [qr, setQr] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [copied, setCopied] = useState(false);
  const secretId = useId();
  const enable = useMutation<{ recovery_codes: string[] }, ApiError, string>({
    mutationFn: (c) => api.enableTotp(c),
    onSuccess: (r) => onEnabled(r.recovery_codes),
  });
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(setup.otpauth_uri, { margin: 1, width: 200, errorCorrectionLevel: 'M' })
      .then((url) => live && setQr(url))
      .catch(() => live && setQr(null));
    return () => {
      live = false;
    };
  }, [setup.otpauth_uri]);
  const grouped = setup.secret.match(/.{1,4}/g)?.join(' ') ?? setup.secret;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const digits = code.replace(/\D/g, '');
    if (digits.length === 6) enable.mutate(digits);
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(setup.secret);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-3" aria-label="Scan and confirm">
      <ol className="list-decimal pl-5 text-sm">
        <li>Open an authenticator app (for example Aegis, Google Authenticator, 1Password) and add an account.</li>
        <li>Scan this QR code, or type the key below.</li>
        <li>Enter the 6-digit code the app shows.</li>
      </ol>
      <div className="flex flex-wrap items-center gap-4">
        {qr ? (
          // A data URL made in the browser: the secret never leaves this page.
          // eslint-disable-next-line @next/next/no-img-element
          <img src={qr} width={200} height={200} alt="QR code to add Chat to your authenticator app" className="rounded bg-white p-1" />
        ) : (
          <p className="text-sm">Making the QR code…</p>
        )}
        <div className="flex min-w-0 flex-col gap-1">
          <span id={secretId} className="text-sm font-medium">
            Key for typing in
          </span>
          <code aria-labelledby={secretId} data-testid="totp-secret" data-secret={setup.secret} className="break-all rounded bg-gray-100 px-2 py-1 font-mono text-sm dark:bg-gray-900">
            {grouped}
          </code>
          <div>
            <Button size="sm" onClick={() => void copy()}>
              Copy key
            </Button>
            <span role="status" className="ml-2 text-sm text-green-800 dark:text-green-300">
              {copied ? 'Copied.' : ''}
            </span>
          </div>
        </div>
      </div>
      <Field
        label="Code from the app"
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        required
        value={code}
        onChange={(v) => setCode(v.replace(/\D/g, '').slice(0, 6))}
        error={fieldError(enable.error, 'code') ? 'That code is not right. Check the app and your device clock, then try again.' : null}
        hint="6 digits"
      />
      <FormError text={formError(enable.error, ['code'])} />
      <div className="flex gap-2">
        <Button type="submit" variant="primary" busy={enable.isPending}>
          Turn on
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}

function RecoveryCodesOnce({ username, codes, onDone }: { username: string; codes: string[]; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const text = recoveryCodesFile(username, codes);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(codes.join('\n'));
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `chat-recovery-codes-${username}.txt`;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <div className="flex flex-col gap-3">
      <div role="alert" className="rounded-md border border-amber-500 bg-amber-50 p-3 text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-100">
        <strong>Save these recovery codes now.</strong> They are shown only this once. If you lose your phone, each code lets you
        log in one time. Anyone who has them can pass your second step, so keep them private.
      </div>
      <ul aria-label="Recovery codes" className="grid grid-cols-2 gap-1 font-mono text-sm">
        {codes.map((c) => (
          <li key={c} className="rounded bg-gray-100 px-2 py-1 dark:bg-gray-900">
            {c}
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap items-center gap-2">
        <Button onClick={() => void copy()}>Copy codes</Button>
        <Button onClick={download}>Download as text</Button>
        <span role="status" className="text-sm text-green-800 dark:text-green-300">
          {copied ? 'Copied.' : ''}
        </span>
      </div>
      <div>
        <Button variant="primary" onClick={onDone}>
          I have saved them
        </Button>
      </div>
    </div>
  );
}

function ConfirmWithCode({ mode, onCancel, onDone }: { mode: 'disable' | 'codes'; onCancel: () => void; onDone: (codes?: string[]) => void }) {
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const act = useMutation<string[] | undefined, ApiError, void>({
    mutationFn: async () => {
      const c = recoveryInput(code);
      if (mode === 'disable') {
        await api.disableMfa(password, c);
        return undefined;
      }
      return (await api.regenerateRecoveryCodes(password, c)).recovery_codes;
    },
    onSuccess: (codes) => onDone(codes),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (password && code) act.mutate();
  };
  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-3" aria-label={mode === 'disable' ? 'Turn off two-factor sign-in' : 'Make new recovery codes'}>
      <p className="text-sm">
        {mode === 'disable'
          ? 'Turning it off makes your account easier to take over. Confirm with your password and a code.'
          : 'Your old recovery codes stop working. Confirm with your password and a code.'}
      </p>
      <Field label="Your password" type="password" autoComplete="current-password" required autoFocus value={password} onChange={setPassword} error={fieldError(act.error, 'password')} />
      <Field
        label="Code from the app, or a recovery code"
        autoComplete="one-time-code"
        autoCapitalize="none"
        spellCheck={false}
        required
        value={code}
        onChange={setCode}
        error={fieldError(act.error, 'code') ? 'That code is not valid or was already used.' : null}
      />
      <FormError text={formError(act.error, ['password', 'code'])} />
      <div className="flex gap-2">
        <Button type="submit" variant={mode === 'disable' ? 'danger' : 'primary'} busy={act.isPending}>
          {mode === 'disable' ? 'Turn off' : 'Make new codes'}
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}

// ---- password -----------------------------------------------------------------

function ChangePassword() {
  const qc = useQueryClient();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [touched, setTouched] = useState(false);
  const [done, setDone] = useState(false);
  const change = useMutation<void, ApiError, void>({
    mutationFn: () => api.changePassword(current, next),
    onSuccess: () => {
      setDone(true);
      setCurrent('');
      setNext('');
      setConfirm('');
      setTouched(false);
      void qc.invalidateQueries({ queryKey: SESSIONS_KEY });
    },
  });
  const nextErr = touched ? validatePassword(next) : null;
  const confirmErr = touched && confirm !== next ? 'The two new passwords differ.' : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    setDone(false);
    if (!current || validatePassword(next) || confirm !== next) return;
    change.mutate();
  };
  return (
    <form noValidate onSubmit={submit} aria-labelledby="password-h" className="flex flex-col gap-3 rounded-md border border-gray-300 p-4 dark:border-gray-600">
      <h4 id="password-h" className="font-semibold">
        Change password
      </h4>
      <Field
        label="Current password"
        type="password"
        autoComplete="current-password"
        required
        value={current}
        onChange={setCurrent}
        error={fieldError(change.error, 'current_password') ?? (touched && !current ? 'Enter your current password.' : null)}
      />
      <Field label="New password" type="password" autoComplete="new-password" required value={next} onChange={setNext} error={fieldError(change.error, 'new_password') ?? nextErr} hint="8–128 characters" />
      <Field label="New password again" type="password" autoComplete="new-password" required value={confirm} onChange={setConfirm} error={confirmErr} />
      <FormError text={formError(change.error, ['current_password', 'new_password'])} />
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" busy={change.isPending}>
          Change password
        </Button>
        <p role="status" className="text-sm text-green-800 dark:text-green-300">
          {done ? 'Password changed. Your other sessions were signed out.' : ''}
        </p>
      </div>
    </form>
  );
}

// ---- sessions -----------------------------------------------------------------

function Sessions() {
  const qc = useQueryClient();
  const sessions = useQuery<SessionInfo[], ApiError>({ queryKey: SESSIONS_KEY, queryFn: () => api.listSessions() });
  const [message, setMessage] = useState('');
  const refresh = () => void qc.invalidateQueries({ queryKey: SESSIONS_KEY });
  const endOne = useMutation<void, ApiError, SessionInfo>({
    mutationFn: (s) => api.endSession(s.id),
    onSuccess: (_v, s) => {
      setMessage(`Signed out ${describeUserAgent(s.user_agent)}.`);
      refresh();
    },
    onError: refresh,
  });
  const endOthers = useMutation<void, ApiError, void>({
    mutationFn: () => api.endOtherSessions(),
    onSuccess: () => {
      setMessage('Signed out every other session.');
      refresh();
    },
  });
  const list = sessions.data ?? [];
  const others = list.filter((s) => !s.current);
  return (
    <div role="group" aria-labelledby="sessions-h" className="flex flex-col gap-3 rounded-md border border-gray-300 p-4 dark:border-gray-600">
      <h4 id="sessions-h" className="font-semibold">
        Where you are signed in
      </h4>
      {sessions.error ? <FormError text={sessions.error.message} /> : null}
      {sessions.isLoading ? <p className="text-sm">Loading sessions…</p> : null}
      <ul aria-label="Sessions" className="flex flex-col divide-y divide-gray-200 dark:divide-gray-700">
        {list.map((s) => {
          const name = describeUserAgent(s.user_agent);
          return (
            <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <div className="min-w-0">
                <p className="text-sm font-medium">
                  {name}
                  {s.current ? (
                    <span className="ml-2 rounded bg-green-100 px-1.5 py-0.5 text-xs font-semibold text-green-900 dark:bg-green-900 dark:text-green-100">This device</span>
                  ) : null}
                </p>
                <p className="text-xs text-gray-700 dark:text-gray-300">
                  {s.current ? 'Active now' : lastActive(s.last_used_at)}
                  {s.ip_hint ? ` · network ${s.ip_hint}` : ''} · signed in {new Date(s.created_at).toLocaleDateString()}
                </p>
              </div>
              {s.current ? null : (
                <Button size="sm" aria-label={`Sign out ${name}, ${lastActive(s.last_used_at).toLowerCase()}`} busy={endOne.isPending && endOne.variables?.id === s.id} onClick={() => endOne.mutate(s)}>
                  Sign out
                </Button>
              )}
            </li>
          );
        })}
      </ul>
      <FormError text={endOne.error?.message ?? endOthers.error?.message ?? null} />
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="danger" disabled={others.length === 0} busy={endOthers.isPending} onClick={() => endOthers.mutate()}>
          Sign out all other sessions
        </Button>
        <p role="status" className="text-sm text-green-800 dark:text-green-300">
          {message}
        </p>
      </div>
    </div>
  );
}
