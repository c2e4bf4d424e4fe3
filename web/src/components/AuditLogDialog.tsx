'use client';
/** Server settings → Audit log: who did what, to whom, why (admins and the owner). */
import { fullTimeLabel } from '@/lib/format';
import { useAuditLog } from '@/lib/queries';
import type { AuditAction, AuditChange, AuditEntry, ServerWithChannels } from '@/lib/types';
import { Dialog, ErrorState, Loading } from './ui';

const LABELS: Record<AuditAction, string> = {
  server_update: 'updated the server',
  channel_create: 'created a channel',
  channel_update: 'updated a channel',
  channel_reorder: 'moved a channel',
  channel_delete: 'deleted a channel',
  member_role_update: 'changed a role',
  ownership_transfer: 'transferred ownership',
  member_kick: 'kicked',
  member_ban: 'banned',
  member_unban: 'unbanned',
  member_timeout: 'timed out',
  member_timeout_remove: 'lifted the timeout of',
  invite_create: 'created an invite',
  invite_delete: 'revoked an invite',
  message_delete: "deleted a message by someone else",
};

function shown(v: AuditChange['old']): string {
  return v === null ? '—' : String(v);
}

function target(e: AuditEntry): string {
  if (e.target_user) return ` ${e.target_user.display_name || e.target_user.username}`;
  if (e.target_type === 'invite' && e.target_id) return ` (${e.target_id})`;
  return '';
}

export function AuditLogDialog({
  server,
  open,
  onOpenChange,
}: {
  server: ServerWithChannels;
  open: boolean;
  onOpenChange: (o: boolean) => void;
}) {
  const log = useAuditLog(server.id, open);
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={`Audit log of ${server.name}`} wide>
      {log.isPending ? <Loading label="Loading the audit log…" /> : null}
      {log.error ? <ErrorState text={log.error.message} onRetry={() => void log.refetch()} /> : null}
      {log.data && log.data.length === 0 ? (
        <p className="text-sm text-gray-700 dark:text-gray-200">Nothing has been recorded yet.</p>
      ) : null}
      {log.data && log.data.length > 0 ? (
        <ol className="divide-y divide-gray-200 dark:divide-gray-700" aria-label="Audit log entries">
          {log.data.map((e) => (
            <li key={e.id} className="py-2 text-sm">
              <p>
                <span className="font-medium">{e.actor.display_name || e.actor.username}</span> {LABELS[e.action]}
                {target(e)}
              </p>
              <p className="text-xs text-gray-700 dark:text-gray-300">
                <time dateTime={e.created_at}>{fullTimeLabel(e.created_at)}</time>
                {e.reason ? ` · Reason: ${e.reason}` : ''}
              </p>
              {e.changes.length > 0 ? (
                <ul className="mt-1 text-xs text-gray-700 dark:text-gray-300">
                  {e.changes.map((c) => (
                    <li key={c.key}>
                      {c.key}: {shown(c.old)} → {shown(c.new)}
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
    </Dialog>
  );
}
