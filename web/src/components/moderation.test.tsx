import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Channel, Member } from '@/lib/types';
import { ComposerNotice, countdownLabel } from './ComposerNotice';
import { isTimedOut } from './TimeoutDialog';

const channel: Channel = {
  id: 'c1',
  server_id: 's1',
  name: 'general',
  topic: '',
  position: 0,
  created_at: '2026-01-01T00:00:00.000Z',
  slowmode_seconds: 0,
};

function member(role: Member['role'], timed_out_until: string | null = null): Member {
  return {
    user_id: 'u1',
    username: 'carol',
    display_name: 'Carol',
    avatar_url: null,
    role,
    status: 'online',
    joined_at: '2026-01-01T00:00:00.000Z',
    timed_out_until,
  };
}

describe('moderation in the composer', () => {
  it('formats countdowns as m:ss or h:mm:ss', () => {
    expect(countdownLabel(65)).toBe('1:05');
    expect(countdownLabel(3723)).toBe('1:02:03');
    expect(countdownLabel(-3)).toBe('0:00');
  });

  it('tells a timed-out member how long until they can write', () => {
    const until = new Date(Date.now() + 90_000).toISOString();
    render(<ComposerNotice channel={channel} me={member('member', until)} lastSentAt={null} />);
    expect(screen.getByRole('status')).toHaveTextContent(/You are timed out/);
    expect(screen.getByTestId('timeout-countdown').textContent).toMatch(/^1:(29|30)$/);
  });

  it('shows slow mode and the wait after sending, but not to admins', () => {
    const slow = { ...channel, slowmode_seconds: 30 };
    const { rerender } = render(<ComposerNotice channel={slow} me={member('member')} lastSentAt={Date.now()} />);
    expect(screen.getByRole('status')).toHaveTextContent(/Slow mode: one message every 0:30/);
    expect(screen.getByTestId('slowmode-countdown')).toBeInTheDocument();
    rerender(<ComposerNotice channel={slow} me={member('admin')} lastSentAt={Date.now()} />);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('knows an ended timeout is over', () => {
    expect(isTimedOut({ timed_out_until: new Date(Date.now() - 1000).toISOString() })).toBe(false);
    expect(isTimedOut({ timed_out_until: new Date(Date.now() + 1000).toISOString() })).toBe(true);
    expect(isTimedOut({ timed_out_until: null })).toBe(false);
  });
});
