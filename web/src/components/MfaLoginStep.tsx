'use client';
/** The second step of a login with two-factor sign-in on: a code from the app, or a recovery code. */
import { useState, type FormEvent } from 'react';
import { isApiError } from '@/lib/api';
import { api } from '@/lib/client';
import { recoveryInput, totpDigits } from '@/lib/security';
import { Button, Field, FormError } from './ui';

export function MfaLoginStep({ ticket, onRestart }: { ticket: string; onRestart: (message: string) => void }) {
  const [useRecovery, setUseRecovery] = useState(false);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const value = useRecovery ? recoveryInput(code) : totpDigits(code);
    if (!useRecovery && value.length !== 6) {
      setError('Enter the 6-digit code from your authenticator app.');
      return;
    }
    if (useRecovery && !value) {
      setError('Enter one of your recovery codes.');
      return;
    }
    setBusy(true);
    try {
      await api.loginMfa(ticket, useRecovery ? { recovery_code: value } : { code: value });
    } catch (err) {
      if (isApiError(err) && err.rawCode === 'invalid_code') {
        if (err.details?.ticket_expired === true) {
          onRestart('This sign-in expired or had too many wrong codes. Log in again.');
          return;
        }
        setError(useRecovery ? 'That recovery code is not valid or was already used.' : 'That code is not right. Check your app and try again.');
      } else if (isApiError(err) && err.code === 'rate_limited') {
        setFormError(`Too many attempts. Try again${err.retryAfter ? ` in ${err.retryAfter} seconds` : ' later'}.`);
      } else {
        setFormError(isApiError(err) ? err.message : 'Something went wrong. Please try again.');
      }
    } finally {
      setBusy(false);
    }
  };

  const toggle = () => {
    setUseRecovery((r) => !r);
    setCode('');
    setError(null);
    setFormError(null);
  };

  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-4" aria-label="Two-factor code">
      <p className="text-sm text-gray-700 dark:text-gray-200">
        {useRecovery
          ? 'Enter one of the recovery codes you saved when you turned on two-factor sign-in. Each code works once.'
          : 'Open your authenticator app and enter the 6-digit code it shows for Chat.'}
      </p>
      {useRecovery ? (
        <Field
          key="recovery"
          label="Recovery code"
          name="recovery_code"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          required
          autoFocus
          value={code}
          onChange={(v) => {
            setCode(v);
            setError(null);
          }}
          error={error}
        />
      ) : (
        <Field
          key="totp"
          label="Authentication code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          autoFocus
          value={code}
          onChange={(v) => {
            // Pasting "123 456" or a code with a hyphen keeps the digits.
            setCode(totpDigits(v));
            setError(null);
          }}
          error={error}
          hint="6 digits; pasting works"
        />
      )}
      <FormError text={formError} />
      <Button type="submit" variant="primary" busy={busy}>
        Verify
      </Button>
      <div className="flex flex-wrap justify-between gap-2 text-sm">
        <button type="button" className="font-medium text-indigo-700 underline hover:no-underline dark:text-indigo-300" onClick={toggle}>
          {useRecovery ? 'Use a code from the app instead' : 'Use a recovery code instead'}
        </button>
        <button type="button" className="font-medium text-indigo-700 underline hover:no-underline dark:text-indigo-300" onClick={() => onRestart('')}>
          Back to log in
        </button>
      </div>
    </form>
  );
}
