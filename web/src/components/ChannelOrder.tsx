'use client';
/**
 * The channel list's order inside the edit-channel dialog: drag a channel
 * with the pointer, or move the edited one with "Move up" / "Move down"
 * (the keyboard path). Nothing is sent until "Save changes", like the name
 * and topic beside it; a polite live region says where the channel now is.
 */
import { useState } from 'react';
import type { Channel, Id } from '@/lib/types';
import { Button, cx } from './ui';

/** `list` with the item at `from` moved to `to` (both in range), as a new array. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  if (item === undefined || to < 0 || to > next.length) return [...list];
  next.splice(to, 0, item);
  return next;
}

/** The channels whose stored position differs from their place in `order`. */
export function changedPositions(channels: readonly Channel[], order: readonly Id[]): Array<{ id: Id; position: number }> {
  return order.flatMap((id, position) => (channels.find((c) => c.id === id)?.position === position ? [] : [{ id, position }]));
}

export function ChannelOrder({
  channels,
  order,
  onChange,
  editedId,
}: {
  channels: readonly Channel[];
  order: readonly Id[];
  onChange: (order: Id[]) => void;
  editedId: Id;
}) {
  const [dragged, setDragged] = useState<Id | null>(null);
  const [said, setSaid] = useState('');
  const index = order.indexOf(editedId);
  const nameOf = (id: Id) => channels.find((c) => c.id === id)?.name ?? '';
  const place = (id: Id, to: number) => {
    const from = order.indexOf(id);
    if (from < 0 || to < 0 || to >= order.length || from === to) return;
    onChange(moveItem(order, from, to));
    setSaid(`#${nameOf(id)} moved to position ${to + 1} of ${order.length}. Save to apply.`);
  };
  return (
    <section aria-labelledby="channel-order">
      <h3 id="channel-order" className="font-semibold">
        Position
      </h3>
      <p className="mb-2 text-sm text-gray-700 dark:text-gray-200">
        {index + 1} of {order.length} in the channel list. Drag a channel, or use Move up and Move down; the new order applies when you save.
      </p>
      <ol aria-label="Channel order" className="mb-2 flex flex-col gap-1 text-sm">
        {order.map((id, i) => (
          <li
            key={id}
            draggable
            aria-current={id === editedId ? 'true' : undefined}
            onDragStart={(e) => {
              setDragged(id);
              e.dataTransfer.effectAllowed = 'move';
              e.dataTransfer.setData('text/plain', id);
            }}
            onDragOver={(e) => {
              if (dragged === null) return;
              e.preventDefault();
              e.dataTransfer.dropEffect = 'move';
            }}
            onDrop={(e) => {
              e.preventDefault();
              if (dragged !== null) place(dragged, i);
              setDragged(null);
            }}
            onDragEnd={() => setDragged(null)}
            className={cx(
              'cursor-grab rounded border px-2 py-1',
              id === editedId ? 'border-indigo-600 font-semibold' : 'border-gray-300 dark:border-gray-600',
              dragged === id && 'opacity-50',
            )}
          >
            <span aria-hidden="true" className="mr-2 text-gray-500 dark:text-gray-400">
              ⠿
            </span>
            #{nameOf(id)}
          </li>
        ))}
      </ol>
      <div className="flex gap-2">
        <Button size="sm" disabled={index <= 0} onClick={() => place(editedId, index - 1)}>
          Move up
        </Button>
        <Button size="sm" disabled={index < 0 || index >= order.length - 1} onClick={() => place(editedId, index + 1)}>
          Move down
        </Button>
      </div>
      <p className="sr-only" aria-live="polite">
        {said}
      </p>
    </section>
  );
}
