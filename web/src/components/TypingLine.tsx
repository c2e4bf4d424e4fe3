'use client';
import { useMemo } from 'react';
import { live, useStore } from '@/lib/store';
import type { Id, Member } from '@/lib/types';

export function typingText(names: string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  if (names.length === 3) return `${names[0]}, ${names[1]} and ${names[2]} are typing…`;
  return 'Several people are typing…';
}

/** "alice is typing…"; a polite live region whose text changes only when the set of people changes. */
export function TypingLine({ channelId, members, meId }: { channelId: Id; members: Member[]; meId: Id | null }) {
  const typing = useStore(live, (s) => s.typing[channelId]);
  const text = useMemo(() => {
    const ids = Object.keys(typing ?? {}).filter((id) => id !== meId);
    const names = ids
      .map((id) => {
        const m = members.find((x) => x.user_id === id);
        return m ? m.display_name || m.username : null;
      })
      .filter((n): n is string => !!n)
      .sort();
    return typingText(names);
  }, [typing, members, meId]);
  return (
    <div className="h-6 shrink-0 truncate px-4 text-xs font-medium text-gray-700 dark:text-gray-300" aria-live="polite" aria-atomic="true">
      {text}
    </div>
  );
}
