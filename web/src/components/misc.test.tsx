import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { live, setTyping } from '@/lib/store';
import { renderWithProviders } from '@/test/render';
import type { Member } from '@/lib/types';
import { TypingLine, typingText } from './TypingLine';
import { ConfirmDialog, Button } from './ui';
import { MessageText } from './MessageItem';
import { act } from 'react';

describe('typing line', () => {
  it('words one, two, three and many people', () => {
    expect(typingText(['alice'])).toBe('alice is typing…');
    expect(typingText(['alice', 'bob'])).toBe('alice and bob are typing…');
    expect(typingText(['a', 'b', 'c'])).toBe('a, b and c are typing…');
    expect(typingText(['a', 'b', 'c', 'd'])).toBe('Several people are typing…');
  });

  it('shows who is typing in a polite live region, never me', () => {
    const members = [
      { user_id: 'u1', username: 'me', display_name: 'Me' },
      { user_id: 'u2', username: 'alice', display_name: 'alice' },
    ] as Member[];
    live.set((s) => ({ ...s, typing: {} }));
    renderWithProviders(<TypingLine channelId="c1" members={members} meId="u1" />);
    act(() => {
      setTyping('c1', 'u1', Date.now() + 5000);
      setTyping('c1', 'u2', Date.now() + 5000);
    });
    const line = screen.getByText('alice is typing…');
    expect(line).toHaveAttribute('aria-live', 'polite');
  });
});

describe('ConfirmDialog', () => {
  function Harness({ onConfirm }: { onConfirm: () => void }) {
    const [open, setOpen] = useState(false);
    return (
      <>
        <Button onClick={() => setOpen(true)}>Delete message</Button>
        <ConfirmDialog open={open} onOpenChange={setOpen} title="Delete this message?" description="It will be removed for everyone." confirmLabel="Delete message" onConfirm={onConfirm} />
      </>
    );
  }

  it('focuses Cancel first, closes on Escape and returns focus to the opener', async () => {
    const user = userEvent.setup();
    const onConfirm = vi.fn();
    renderWithProviders(<Harness onConfirm={onConfirm} />);
    const opener = screen.getByRole('button', { name: 'Delete message' });
    await user.click(opener);
    const dialog = screen.getByRole('dialog', { name: 'Delete this message?' });
    expect(dialog).toHaveAccessibleDescription('It will be removed for everyone.');
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await waitFor(() => expect(opener).toHaveFocus());
    expect(onConfirm).not.toHaveBeenCalled();
  });
});

describe('MessageText', () => {
  it('renders links safely and highlights my mention', () => {
    renderWithProviders(<MessageText content={'<b>hi</b> @Alice look https://example.com'} meUsername="alice" />);
    expect(screen.getByText('<b>hi</b>', { exact: false })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'https://example.com' })).toHaveAttribute('rel', expect.stringContaining('noopener'));
    expect(screen.getByText('@Alice').className).toMatch(/amber/);
  });
});
