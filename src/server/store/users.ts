/** Accounts. E-mail addresses are kept lower-cased; the uid is the unique identifier users see. */
import { canonicalIdentifier } from '../platform/email-address';
import type { Sql } from './sql';

export interface User {
  uid: string;
  email: string;
  firstName: string;
  lastName: string;
  language: string;
  passwordHash: string | null;
  createdAt: number;
  passwordSetAt: number | null;
}

interface UserRow extends Record<string, unknown> {
  uid: string;
  email: string;
  first_name: string;
  last_name: string;
  language: string;
  password_hash: string | null;
  created_at: number;
  password_set_at: number | null;
}

const fromRow = (r: UserRow): User => ({
  uid: r.uid,
  email: r.email,
  firstName: r.first_name,
  lastName: r.last_name,
  language: r.language,
  passwordHash: r.password_hash,
  createdAt: Number(r.created_at),
  passwordSetAt: r.password_set_at === null ? null : Number(r.password_set_at),
});

export function createUsersRepo(sql: Sql) {
  return {
    /** Inserts a user; throws UniqueViolationError when the e-mail or uid exists. */
    async create(user: Omit<User, 'passwordHash' | 'passwordSetAt'>): Promise<User> {
      await sql.run(
        'INSERT INTO users (uid, email, first_name, last_name, language, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        [user.uid, user.email.toLowerCase(), user.firstName, user.lastName, user.language, user.createdAt],
      );
      return { ...user, email: user.email.toLowerCase(), passwordHash: null, passwordSetAt: null };
    },
    async byUid(uid: string): Promise<User | undefined> {
      const row = await sql.get<UserRow>('SELECT * FROM users WHERE uid = ?', [uid.toLowerCase()]);
      return row && fromRow(row);
    },
    async byEmail(email: string): Promise<User | undefined> {
      const row = await sql.get<UserRow>('SELECT * FROM users WHERE email = ?', [email.toLowerCase()]);
      return row && fromRow(row);
    },
    /** By e-mail address or unique identifier, as typed at sign-in. */
    async byIdentifier(identifier: string): Promise<User | undefined> {
      const id = canonicalIdentifier(identifier);
      return id.includes('@') ? this.byEmail(id) : this.byUid(id);
    },
    async delete(uid: string): Promise<void> {
      await sql.run('DELETE FROM users WHERE uid = ?', [uid]);
    },
    /** The user's WebAuthn user handle, made on first use (a candidate from the caller, kept only if none exists). */
    async webauthnHandle(uid: string, candidate: string): Promise<string> {
      await sql.run('UPDATE users SET webauthn_handle = ? WHERE uid = ? AND webauthn_handle IS NULL', [candidate, uid]);
      const row = await sql.get<{ webauthn_handle: string }>('SELECT webauthn_handle FROM users WHERE uid = ?', [uid]);
      return String(row!.webauthn_handle);
    },
    async setPassword(uid: string, passwordHash: string, at: number): Promise<void> {
      await sql.run('UPDATE users SET password_hash = ?, password_set_at = ? WHERE uid = ?', [passwordHash, at, uid]);
    },
  };
}
