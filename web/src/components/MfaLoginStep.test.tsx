import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, renderWithProviders } from '@/test/render';
import { AuthScreen } from './AuthScreen';

vi.mock('next/navigation', () => ({ useRouter: () => ({ push: vi.fn(), replace: vi.fn() }) }));

afterEach(() => vi.unstubAllGlobals());

async function passwordStep(fetchMock: ReturnType<typeof vi.fn>) {
  vi.stubGlobal('fetch', fetchMock);
  const user = userEvent.setup();
  renderWithProviders(<AuthScreen />);
  await user.type(screen.getByRole('textbox', { name: /username/i }), 'alice');
  await user.type(screen.getByLabelText(/password/i), 'correct horse');
  await user.click(screen.getByRole('button', { name: 'Log in' }));
  await screen.findByRole('heading', { name: 'Two-factor sign-in' });
  return user;
}

describe('the login second step', () => {
  it('asks for a one-time code, keeps only the digits of a paste, and sends it with the ticket', async () => {
    const fetchMock = vi.fn(async (url: string, _init?: RequestInit) =>
      url === '/auth/login'
        ? jsonResponse(200, { mfa_required: true, ticket: 't-1' })
        : jsonResponse(401, { error: { code: 'invalid_code', message: 'no', details: { ticket_expired: false } } }),
    );
    const user = await passwordStep(fetchMock);
    const code = screen.getByLabelText(/authentication code/i);
    expect(code).toHaveAttribute('autocomplete', 'one-time-code');
    expect(code).toHaveAttribute('inputmode', 'numeric');
    await user.click(code);
    await user.paste('123 456');
    expect(code).toHaveValue('123456');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() => expect(code).toHaveAccessibleDescription(/That code is not right/));
    const sent = fetchMock.mock.calls.find(([url]) => url === '/auth/mfa');
    expect(JSON.parse(String(sent?.[1]?.body))).toEqual({ ticket: 't-1', code: '123456' });
  });

  it('goes back to the password when the ticket is dead', async () => {
    const fetchMock = vi.fn(async (url: string) =>
      url === '/auth/login'
        ? jsonResponse(200, { mfa_required: true, ticket: 't-1' })
        : jsonResponse(401, { error: { code: 'invalid_code', message: 'no', details: { ticket_expired: true } } }),
    );
    const user = await passwordStep(fetchMock);
    await user.click(screen.getByRole('button', { name: 'Use a recovery code instead' }));
    await user.type(screen.getByRole('textbox', { name: /recovery code/i }), 'abcde-fghij');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByRole('heading', { name: 'Welcome back' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(/expired or had too many wrong codes/);
  });
});
