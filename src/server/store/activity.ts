/** The account's activity log, readable by its owner in My Account. */
import type { Sql } from './sql';

export type ActivityKind =
  | 'account-created'
  | 'password-set'
  | 'password-changed'
  | 'sign-in'
  | 'sign-in-failed'
  | 'sign-in-denied'
  | 'sign-in-reported'
  | 'sign-out'
  | 'password-link-requested'
  | 'device-added'
  | 'device-renamed'
  | 'device-removed'
  | 'device-locked'
  | 'security-key-added'
  | 'security-key-renamed'
  | 'security-key-removed'
  | 'security-key-refused';

export interface Activity {
  at: number;
  kind: ActivityKind;
  detail: string;
  ip: string;
  userAgent: string;
}

export function createActivityRepo(sql: Sql, now: () => number) {
  return {
    async record(
      uid: string,
      kind: ActivityKind,
      context: { ip: string; userAgent: string },
      detail = '',
    ): Promise<void> {
      await sql.run('INSERT INTO activity (uid, at, kind, detail, ip, user_agent) VALUES (?, ?, ?, ?, ?, ?)', [
        uid,
        now(),
        kind,
        detail.slice(0, 200),
        context.ip.slice(0, 64),
        context.userAgent.slice(0, 300),
      ]);
    },
    async recent(uid: string, limit = 50): Promise<Activity[]> {
      const rows = await sql.all<Record<string, string | number>>(
        'SELECT at, kind, detail, ip, user_agent FROM activity WHERE uid = ? ORDER BY at DESC, id DESC LIMIT ?',
        [uid, limit],
      );
      return rows.map((r) => ({
        at: Number(r.at),
        kind: r.kind as ActivityKind,
        detail: String(r.detail),
        ip: String(r.ip),
        userAgent: String(r.user_agent),
      }));
    },
  };
}
