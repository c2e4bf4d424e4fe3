'use client';
/** The channel header's pins button: a popover listing pinned messages, newest pin first. */
import * as Popover from '@radix-ui/react-popover';
import { useRef, useState } from 'react';
import { timeLabel } from '@/lib/format';
import { jumpTo } from '@/lib/messaging';
import { usePins, useSetPinned } from '@/lib/messagingQueries';
import { can } from '@/lib/permissions';
import type { Channel, Role } from '@/lib/types';
import { Button, Spinner } from '../ui';
import { Markdown } from './Markdown';

export function PinsPopover({ channel, myRole, meUsername }: { channel: Channel; myRole: Role; meUsername: string | null }) {
  const [open, setOpen] = useState(false);
  // After "Jump", focus goes to the message, not back to the pins button.
  const jumping = useRef(false);
  const pins = usePins(channel.id, open);
  const unpin = useSetPinned();
  const list = pins.data ?? [];
  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger
        aria-label={`Pinned messages in #${channel.name}`}
        title="Pinned messages"
        className="inline-flex h-9 w-9 items-center justify-center rounded-md text-gray-800 hover:bg-gray-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600 dark:text-gray-100 dark:hover:bg-gray-700"
      >
        <span aria-hidden="true">📌</span>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          align="end"
          sideOffset={4}
          aria-label="Pinned messages"
          onCloseAutoFocus={(e) => {
            if (jumping.current) e.preventDefault();
            jumping.current = false;
          }}
          className="z-50 flex max-h-[70vh] w-[24rem] max-w-[calc(100vw-1rem)] flex-col rounded-md border border-gray-300 bg-white shadow-lg dark:border-gray-600 dark:bg-gray-800"
        >
          <h2 className="border-b border-gray-300 px-3 py-2 font-semibold dark:border-gray-600">Pinned messages</h2>
          <div className="min-h-0 overflow-y-auto p-2">
            {pins.isPending ? (
              <Spinner label="Loading pins…" />
            ) : pins.error ? (
              <p role="alert" className="text-sm text-red-700 dark:text-red-300">
                {pins.error.message}
              </p>
            ) : list.length === 0 ? (
              <p className="p-2 text-sm text-gray-700 dark:text-gray-300">No pinned messages in #{channel.name} yet.</p>
            ) : (
              <ul aria-label="Pinned messages" className="flex flex-col gap-2">
                {list.map((m) => {
                  const name = m.author.display_name || m.author.username;
                  return (
                    <li key={m.id} className="rounded-md border border-gray-200 p-2 dark:border-gray-700">
                      <p className="text-xs text-gray-700 dark:text-gray-300">
                        <span className="font-semibold text-gray-900 dark:text-gray-100">{name}</span> · {timeLabel(m.created_at)}
                      </p>
                      <div className="max-h-32 overflow-hidden text-sm">
                        <Markdown content={m.content} meUsername={meUsername} />
                      </div>
                      <div className="mt-1 flex gap-2">
                        <Button
                          size="sm"
                          onClick={() => {
                            jumping.current = true;
                            setOpen(false);
                            jumpTo(channel.id, m.id);
                          }}
                          aria-label={`Jump to pinned message from ${name}`}
                        >
                          Jump
                        </Button>
                        {can.manageChannels(myRole) ? (
                          <Button size="sm" variant="ghost" onClick={() => unpin.mutate({ message: m, pinned: false })} aria-label={`Unpin message from ${name}`}>
                            Unpin
                          </Button>
                        ) : null}
                      </div>
                    </li>
                  );
                })}
              </ul>
            )}
          </div>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
