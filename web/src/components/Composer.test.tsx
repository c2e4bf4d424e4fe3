import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memorySessionStorage } from '@/lib/api';
import { live } from '@/lib/store';
import { jsonResponse, renderWithProviders } from '@/test/render';
import type { Channel, Member } from '@/lib/types';
import { Composer, mentionQuery } from './Composer';

const channel: Channel = { id: 'c1', server_id: 's1', name: 'general', topic: '', position: 0, created_at: '2026-01-01T00:00:00Z', slowmode_seconds: 0 };
const members: Member[] = [
  { user_id: 'u1', username: 'alice', display_name: 'Alice', role: 'owner', status: 'online', avatar_url: null, joined_at: '' },
  { user_id: 'u2', username: 'albert', display_name: 'Albert', role: 'member', status: 'online', avatar_url: null, joined_at: '' },
  { user_id: 'u3', username: 'bob', display_name: 'Bob', role: 'member', status: 'offline', avatar_url: null, joined_at: '' },
];

beforeEach(() => {
  localStorage.setItem('chat.session', JSON.stringify({ access_token: 'a', refresh_token: 'r', expires_at: Date.now() + 600_000, user_id: 'u1' }));
  live.set((s) => ({ ...s, pending: [] }));
});
afterEach(() => vi.unstubAllGlobals());
void memorySessionStorage;

describe('mentionQuery', () => {
  it('finds the @word before the caret', () => {
    expect(mentionQuery('hi @al', 6)).toEqual({ start: 3, query: 'al' });
    expect(mentionQuery('mail a@b', 8)).toBeNull();
  });
});

describe('Composer', () => {
  it('suggests members after @ and inserts the chosen one with the keyboard', async () => {
    const user = userEvent.setup();
    renderWithProviders(<Composer channel={channel} members={members} onTyping={() => {}} />);
    const box = screen.getByRole('textbox', { name: 'Message #general' });
    await user.type(box, 'hey @al');
    const list = screen.getByRole('listbox', { name: 'Mention a member' });
    expect(list).toBeInTheDocument();
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['Alice@alice', 'Albert@albert']);
    expect(screen.getByRole('option', { name: /Alice/ })).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowDown}{Enter}');
    expect(box).toHaveValue('hey @albert ');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
  });

  it('Escape closes the suggestions without clearing the text', async () => {
    const user = userEvent.setup();
    renderWithProviders(<Composer channel={channel} members={members} onTyping={() => {}} />);
    const box = screen.getByRole('textbox', { name: 'Message #general' });
    await user.type(box, '@b');
    expect(screen.getByRole('listbox')).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
    expect(box).toHaveValue('@b');
  });

  it('sends on Enter with a nonce, shows it pending, and throttles typing', async () => {
    const bodies: unknown[] = [];
    let release: (r: Response) => void = () => {};
    vi.stubGlobal(
      'fetch',
      vi.fn((_url: string, init: RequestInit) => {
        bodies.push(JSON.parse(String(init.body)));
        return new Promise<Response>((r) => (release = r));
      }),
    );
    const onTyping = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<Composer channel={channel} members={members} onTyping={onTyping} />);
    const box = screen.getByRole('textbox', { name: 'Message #general' });
    await user.type(box, 'hello 👋');
    expect(onTyping).toHaveBeenCalledTimes(1);
    await user.keyboard('{Enter}');
    expect(box).toHaveValue('');
    await waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toMatchObject({ content: 'hello 👋', nonce: expect.any(String) });
    expect(live.get().pending).toMatchObject([{ content: 'hello 👋', status: 'sending' }]);
    release(jsonResponse(201, { id: 'm1', channel_id: 'c1', server_id: 's1', author: { id: 'u1', username: 'alice', display_name: 'Alice' }, content: 'hello 👋', mentions: [], created_at: '2026-01-01T00:00:00Z', edited_at: null, nonce: (bodies[0] as { nonce: string }).nonce }));
    await waitFor(() => expect(live.get().pending).toEqual([]));
  });

  it('does not send blank messages', async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    const user = userEvent.setup();
    renderWithProviders(<Composer channel={channel} members={members} onTyping={() => {}} />);
    await user.type(screen.getByRole('textbox', { name: 'Message #general' }), '   {Enter}');
    expect(fetchMock).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled();
  });
});
