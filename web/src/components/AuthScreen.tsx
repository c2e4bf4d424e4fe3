'use client';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { isApiError } from '@/lib/api';
import { solveChallenge } from '@/lib/altcha';
import { api } from '@/lib/client';
import { focusComposerNext, focusFirstInvalid } from '@/lib/focus';
import { validateDisplayName, validatePassword, validateUsername } from '@/lib/validation';
import { LIMITS } from '@/lib/validation';
import { Button, Field, FormError } from './ui';
import { ThemeMenu } from './ThemeMenu';
import { MfaLoginStep } from './MfaLoginStep';

type Mode = 'login' | 'signup';
type FieldName = 'username' | 'password' | 'display_name';

/** Log in / sign up, with the API's limits checked inline and the server's error shown at its field. */
export function AuthScreen({ intro }: { intro?: ReactNode }) {
  const [mode, setMode] = useState<Mode>('login');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [touched, setTouched] = useState<Partial<Record<FieldName, boolean>>>({});
  const [serverErrors, setServerErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** While the sign-up challenge is being solved: how far (0–1). */
  const [solving, setSolving] = useState<number | null>(null);
  /** Set when the password was right and a second factor is needed. */
  const [mfaTicket, setMfaTicket] = useState<string | null>(null);

  const signup = mode === 'signup';
  useEffect(() => {
    document.title = signup ? 'Sign up · Chat' : 'Log in · Chat';
  }, [signup]);
  const clientErrors: Partial<Record<FieldName, string | null>> = {
    username: signup ? validateUsername(username) : username ? null : 'Enter your username.',
    password: signup ? validatePassword(password) : password ? null : 'Enter your password.',
    display_name: signup ? validateDisplayName(displayName, true) : null,
  };
  const errorFor = (f: FieldName) => serverErrors[f] ?? (touched[f] ? clientErrors[f] : null) ?? null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched({ username: true, password: true, display_name: true });
    setFormError(null);
    const form = e.currentTarget as HTMLFormElement;
    if (Object.values(clientErrors).some(Boolean)) {
      focusFirstInvalid(form);
      return;
    }
    setBusy(true);
    try {
      if (signup) {
        // With the server's sign-up challenge on, prove a little work first
        // (in a worker: the page stays responsive).
        const challenge = await api.signupChallenge();
        let altcha: string | undefined;
        if (challenge) {
          setSolving(0);
          try {
            altcha = await solveChallenge(challenge, setSolving);
          } finally {
            setSolving(null);
          }
        }
        await api.signup({ username, password, display_name: displayName.trim() || undefined, altcha });
      } else {
        const result = await api.login({ username, password });
        if ('mfaTicket' in result) setMfaTicket(result.mfaTicket);
      }
      focusComposerNext();
    } catch (err) {
      focusFirstInvalid(form);
      if (!isApiError(err)) {
        setFormError('Something went wrong. Please try again.');
      } else if (err.code === 'validation_failed' && err.field && ['username', 'password', 'display_name'].includes(err.field)) {
        setServerErrors({ [err.field as FieldName]: err.message });
      } else if (err.code === 'username_taken' || (err.code === 'conflict' && signup)) {
        setServerErrors({ username: err.message || 'That username is taken.' });
      } else if (err.code === 'validation_failed' && err.field === 'altcha') {
        setFormError(`${err.message.replace(/^altcha: /, '')}. Please try again.`);
      } else if (err.code === 'unauthenticated') {
        setFormError('Wrong username or password.');
      } else if (err.code === 'account_disabled') {
        setFormError('This account is disabled. Contact the operator of this server.');
      } else if (err.code === 'rate_limited') {
        setFormError(`Too many attempts. Try again${err.retryAfter ? ` in ${err.retryAfter} seconds` : ' later'}.`);
      } else {
        setFormError(err.message);
      }
    } finally {
      setBusy(false);
    }
  };

  const switchMode = (m: Mode) => {
    setMode(m);
    setTouched({});
    setServerErrors({});
    setFormError(null);
  };

  return (
    <main className="flex min-h-full items-center justify-center bg-gray-100 p-4 dark:bg-gray-950">
      <div className="absolute right-3 top-3">
        <ThemeMenu />
      </div>
      <div className="w-full max-w-sm rounded-lg bg-white p-6 shadow dark:bg-gray-800">
        <h1 className="mb-1 text-2xl font-semibold">{mfaTicket ? 'Two-factor sign-in' : signup ? 'Create your account' : 'Welcome back'}</h1>
        {mfaTicket ? (
          <MfaLoginStep
            ticket={mfaTicket}
            onRestart={(message) => {
              setMfaTicket(null);
              setPassword('');
              setFormError(message || null);
            }}
          />
        ) : (
          <>
            {intro ?? (
              <p className="mb-4 text-sm text-gray-700 dark:text-gray-200">
                {signup ? 'Sign up to chat with your communities.' : 'Log in to continue to your servers.'}
              </p>
            )}
            <form noValidate onSubmit={submit} className="flex flex-col gap-4" aria-label={signup ? 'Sign up' : 'Log in'}>
              <Field
                label="Username"
                name="username"
                autoComplete="username"
                required
                value={username}
                onChange={(v) => {
                  setUsername(v);
                  setServerErrors((s) => ({ ...s, username: undefined }));
                }}
                onBlur={() => setTouched((t) => ({ ...t, username: true }))}
                error={errorFor('username')}
                hint={signup ? `${LIMITS.username.min}–${LIMITS.username.max} letters, digits, . - _` : undefined}
              />
              {signup ? (
                <Field
                  label="Display name"
                  name="display_name"
                  autoComplete="nickname"
                  value={displayName}
                  onChange={(v) => {
                    setDisplayName(v);
                    setServerErrors((s) => ({ ...s, display_name: undefined }));
                  }}
                  onBlur={() => setTouched((t) => ({ ...t, display_name: true }))}
                  error={errorFor('display_name')}
                  hint="How others see you. Defaults to your username."
                />
              ) : null}
              <Field
                label="Password"
                name="password"
                type="password"
                autoComplete={signup ? 'new-password' : 'current-password'}
                required
                value={password}
                onChange={(v) => {
                  setPassword(v);
                  setServerErrors((s) => ({ ...s, password: undefined }));
                }}
                onBlur={() => setTouched((t) => ({ ...t, password: true }))}
                error={errorFor('password')}
                hint={signup ? `${LIMITS.password.min}–${LIMITS.password.max} characters` : undefined}
              />
              {solving !== null ? (
                <div role="status" className="flex flex-col gap-1 text-sm text-gray-700 dark:text-gray-200">
                  <span>Checking this browser before creating your account… {Math.round(solving * 100)}%</span>
                  <progress
                    className="h-2 w-full"
                    max={100}
                    value={Math.round(solving * 100)}
                    aria-label="Sign-up check progress"
                  />
                </div>
              ) : null}
              <FormError text={formError} />
              <Button type="submit" variant="primary" busy={busy}>
                {signup ? 'Sign up' : 'Log in'}
              </Button>
            </form>
            <p className="mt-4 text-sm text-gray-700 dark:text-gray-200">
              {signup ? 'Already have an account? ' : 'New here? '}
              <button
                type="button"
                className="font-medium text-indigo-700 underline hover:no-underline dark:text-indigo-300"
                onClick={() => switchMode(signup ? 'login' : 'signup')}
              >
                {signup ? 'Log in' : 'Create an account'}
              </button>
            </p>
          </>
        )}
      </div>
    </main>
  );
}
