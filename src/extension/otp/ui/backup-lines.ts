/**
 * How a backup target's status reads (docs/otp-accounts.md §6): its last success, or why it fails,
 * in the user's language — for the codes page, and for the popup only when a target fails (loaded
 * then: the texts of every failure in three languages need not weigh on every popup opening).
 */
import type { BackupState } from '../../../core/messages';
import { backupText } from '../../i18n/backup-texts';

type Status = NonNullable<BackupState['folder']['status']>;

const when = (at: number) => new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** One target's line: its last success, or why it fails. */
export function statusLine(status: Status | null, where: string): { text: string; failing: boolean } {
  if (status?.error)
    return { text: backupText('failed', { where, reason: backupText(status.error.code) }), failing: true };
  if (status?.lastSuccess)
    return { text: backupText('last', { when: when(status.lastSuccess), where }), failing: false };
  return { text: backupText('never', { where }), failing: false };
}

export const davWhere = (url: string) => backupText('whereDav', { host: new URL(url).host });

/** The first failing target's line, or null. */
export function failingLine(state: BackupState): string | null {
  const lines = [
    state.folder.on ? statusLine(state.folder.status, backupText('whereFolder')) : null,
    state.dav ? statusLine(state.dav.status, davWhere(state.dav.url)) : null,
  ];
  return lines.find((l) => l?.failing)?.text ?? null;
}
