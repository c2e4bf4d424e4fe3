import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, renderWithProviders } from '@/test/render';
import { AuthScreen } from './AuthScreen';

vi.mock('next/navigation', () => ({ useRouter: () => ({ push: vi.fn(), replace: vi.fn() }) }));

afterEach(() => vi.unstubAllGlobals());

describe('AuthScreen', () => {
  it('validates sign-up fields inline with the API limits', async () => {
    const user = userEvent.setup();
    renderWithProviders(<AuthScreen />);
    await user.click(screen.getByRole('button', { name: 'Create an account' }));
    expect(screen.getByRole('heading', { name: 'Create your account' })).toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: /username/i }), 'ab');
    await user.type(screen.getByLabelText(/password/i), 'short');
    await user.click(screen.getByRole('button', { name: 'Sign up' }));
    const username = screen.getByRole('textbox', { name: /username/i });
    expect(username).toHaveAttribute('aria-invalid', 'true');
    expect(username).toHaveAccessibleDescription(/at least 3 characters/);
    expect(screen.getByLabelText(/password/i)).toHaveAccessibleDescription(/at least 8 characters/);
  });

  it("shows the server's error next to the field it names", async () => {
    const fetchMock = vi.fn(async (url: string) =>
      url === '/auth/signup-challenge'
        ? new Response(null, { status: 204 })
        : jsonResponse(409, { error: { code: 'username_taken', message: 'That username is taken.' } }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const user = userEvent.setup();
    renderWithProviders(<AuthScreen />);
    await user.click(screen.getByRole('button', { name: 'Create an account' }));
    await user.type(screen.getByRole('textbox', { name: /username/i }), 'alice');
    await user.type(screen.getByLabelText(/password/i), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Sign up' }));
    await waitFor(() => expect(screen.getByRole('textbox', { name: /username/i })).toHaveAccessibleDescription(/That username is taken/));
    expect(fetchMock).toHaveBeenCalledWith('/auth/signup', expect.objectContaining({ method: 'POST' }));
  });

  it('says plainly when the login is wrong', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(401, { error: { code: 'unauthenticated', message: 'bad credentials' } })));
    const user = userEvent.setup();
    renderWithProviders(<AuthScreen />);
    await user.type(screen.getByRole('textbox', { name: /username/i }), 'alice');
    await user.type(screen.getByLabelText(/password/i), 'wrong password');
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong username or password.');
  });
});
