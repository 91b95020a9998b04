/**
 * The store contract, run against each real backend. Suite names end in the
 * backend ("[sqlite]", "[postgres]"); the test command counts tests by them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHousekeeping } from '../../src/server/domain/housekeeping';
import { TOUCH_EVERY_MS } from '../../src/server/store/devices';
import { migrate, migrations, type Migration } from '../../src/server/store/migrations';
import { UniqueViolationError } from '../../src/server/store/sql';
import type { Store } from '../../src/server/store/store';
import { backends } from '../fixtures/stores';

for (const backend of backends) {
  describe(`store [${backend.name}]`, () => {
    let store: Store;
    let dispose: () => Promise<void>;

    beforeEach(async () => {
      ({ store, dispose } = await backend.open(() => 1_700_000_000_000));
    });
    afterEach(() => dispose());

    it('applies every migration on a new database and reports the schema version', async () => {
      expect(store.kind).toBe(backend.name);
      expect(store.migration.applied).toEqual(migrations.map((m) => m.version));
      expect(await store.health()).toEqual({ ok: true, kind: backend.name, schemaVersion: migrations.length });
    });

    it('applies nothing twice when migrated again', async () => {
      const again = await migrate(store.sql);
      expect(again).toEqual({ applied: [], current: migrations.length });
      const rows = await store.sql.all<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => Number(r.version))).toEqual(migrations.map((m) => m.version));
    });

    it('rolls back a migration that fails half-way and records nothing for it', async () => {
      const broken: Migration = {
        version: migrations.length + 1,
        name: 'broken',
        up: () => ['CREATE TABLE half_done (id INTEGER PRIMARY KEY)', 'THIS IS NOT SQL'],
      };
      await expect(migrate(store.sql, [...migrations, broken])).rejects.toThrow();
      expect(await store.health()).toMatchObject({ schemaVersion: migrations.length });
      // The first statement of the failed migration was rolled back with it.
      await expect(store.sql.all('SELECT * FROM half_done')).rejects.toThrow();
    });

    it('refuses to run against a database newer than the server', async () => {
      await store.sql.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        999,
        'future',
        1,
      ]);
      await expect(migrate(store.sql)).rejects.toThrow(/schema version 999, newer than this server/);
    });

    it('refuses a migration list with gaps', async () => {
      await expect(migrate(store.sql, [{ version: 2, name: 'gap', up: () => [] }])).rejects.toThrow(TypeError);
    });

    it('stores, overwrites and reads metadata', async () => {
      expect(await store.meta.get('greeting')).toBeUndefined();
      await store.meta.set('greeting', 'hello');
      await store.meta.set('greeting', 'bonjour');
      expect(await store.meta.get('greeting')).toBe('bonjour');
    });

    it('keeps text exactly, including quotes, NUL-free Unicode and question marks', async () => {
      const hostile = `'; DROP TABLE server_meta; -- ? $1 "é" 🔑 ${'x'.repeat(10_000)}`;
      await store.meta.set('hostile?', hostile);
      expect(await store.meta.get('hostile?')).toBe(hostile);
    });

    it('commits a transaction that resolves and rolls back one that throws', async () => {
      await store.sql.transaction(async (tx) => {
        await tx.run('INSERT INTO server_meta (key, value, updated_at) VALUES (?, ?, ?)', ['a', '1', 1]);
      });
      await expect(
        store.sql.transaction(async (tx) => {
          await tx.run('INSERT INTO server_meta (key, value, updated_at) VALUES (?, ?, ?)', ['b', '2', 1]);
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      expect(await store.meta.get('a')).toBe('1');
      expect(await store.meta.get('b')).toBeUndefined();
    });

    it('reports a duplicate key as UniqueViolationError', async () => {
      const insert = () =>
        store.sql.run('INSERT INTO server_meta (key, value, updated_at) VALUES (?, ?, ?)', ['k', 'v', 1]);
      await insert();
      await expect(insert()).rejects.toBeInstanceOf(UniqueViolationError);
    });

    it('lets exactly one of two concurrent transactions claim a row (read-then-delete is single use)', async () => {
      await store.meta.set('token', 'once');
      const claim = () =>
        store.sql.transaction(async (tx) => {
          const changed = await tx.run('DELETE FROM server_meta WHERE key = ?', ['token']);
          return changed === 1;
        });
      const results = await Promise.all([claim(), claim(), claim()]);
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('keeps statements from outside a transaction out of it', async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const tx = store.sql.transaction(async (t) => {
        await t.run('INSERT INTO server_meta (key, value, updated_at) VALUES (?, ?, ?)', ['inside', '1', 1]);
        await gate;
        throw new Error('roll back');
      });
      const outside = store.meta.set('outside', '1');
      release();
      await expect(tx).rejects.toThrow('roll back');
      await outside;
      expect(await store.meta.get('outside')).toBe('1');
      expect(await store.meta.get('inside')).toBeUndefined();
    });

    it('round-trips bytes and 64-bit millisecond timestamps', async () => {
      await store.sql.run(
        `CREATE TABLE blobs (id INTEGER PRIMARY KEY, data ${store.kind === 'sqlite' ? 'BLOB' : 'BYTEA'}, at ${store.kind === 'sqlite' ? 'INTEGER' : 'BIGINT'})`,
      );
      const bytes = new Uint8Array([0, 1, 2, 253, 254, 255]);
      await store.sql.run('INSERT INTO blobs (id, data, at) VALUES (?, ?, ?)', [1, bytes, 4_102_444_800_000]);
      const row = await store.sql.get<{ data: Uint8Array; at: number }>('SELECT data, at FROM blobs WHERE id = ?', [1]);
      expect(new Uint8Array(row!.data)).toEqual(bytes);
      expect(row!.at).toBe(4_102_444_800_000);
    });
  });

  describe(`request nonces [${backend.name}]`, () => {
    const clock = { now: 1_700_000_000_000 };
    let store: Store;
    let dispose: () => Promise<void>;
    const count = async () =>
      Number((await store.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM request_nonces'))!.n);

    beforeEach(async () => {
      ({ store, dispose } = await backend.open(() => clock.now));
    });
    afterEach(() => dispose());

    it('accepts a nonce once, and leaves purging to the background', async () => {
      expect(await store.devices.useNonce('d:one', 1000)).toBe(true);
      expect(await store.devices.useNonce('d:one', 1000)).toBe(false);
      clock.now += 5000;
      // A signed request no longer deletes other requests' nonces on its way.
      expect(await store.devices.useNonce('d:two', 1000)).toBe(true);
      expect(await count()).toBe(2);
      expect(await store.devices.purgeNonces()).toBe(1);
      expect(await count()).toBe(1);
      expect(await store.devices.useNonce('d:two', 1000)).toBe(false);
    });

    it('purges by an index on the expiry time, not by scanning the table', async () => {
      if (store.kind === 'sqlite') {
        const plan = await store.sql.all<{ detail: string }>(
          'EXPLAIN QUERY PLAN DELETE FROM request_nonces WHERE expires_at <= ?',
          [clock.now],
        );
        expect(plan.map((row) => row.detail).join(' ')).toMatch(
          /SEARCH request_nonces USING (COVERING )?INDEX request_nonces_expires/,
        );
      } else {
        const index = await store.sql.get<{ indexdef: string }>(
          "SELECT indexdef FROM pg_indexes WHERE indexname = 'request_nonces_expires' AND schemaname = current_schema()",
        );
        expect(index?.indexdef).toMatch(/\(expires_at\)/);
      }
    });

    it('marks a device used at most once a minute', async () => {
      await store.users.create({
        uid: 'n00touch1',
        email: 'touch@example.eu',
        firstName: 'T',
        lastName: 'T',
        language: 'en',
        createdAt: clock.now,
      });
      await store.devices.create({
        id: 'D'.repeat(22),
        uid: 'n00touch1',
        name: 'Sidekey',
        status: 'active',
        publicKeyJwk: '{}',
        ocraKeyEnc: 'x',
        ocraSuite: 'OCRA-1:HOTP-SHA256-8:QH64',
        browser: 'Chromium',
        createdAt: clock.now,
      });
      const lastUsed = async () => (await store.devices.byId('D'.repeat(22)))!.lastUsedAt;
      const first = clock.now;
      await store.devices.touch('D'.repeat(22));
      expect(await lastUsed()).toBe(first);
      clock.now += TOUCH_EVERY_MS - 1;
      await store.devices.touch('D'.repeat(22));
      expect(await lastUsed()).toBe(first);
      clock.now += 1;
      await store.devices.touch('D'.repeat(22));
      expect(await lastUsed()).toBe(clock.now);
    });

    it('purges expired nonces, and mail given up over a week ago, in the background', async () => {
      await store.devices.useNonce('d:old', 1000);
      await store.devices.useNonce('d:fresh', 60_000);
      clock.now += 5000;
      const day = 24 * 60 * 60_000;
      for (const [id, daysAgo] of [
        ['long-ago', 8],
        ['recent', 6],
      ] as const) {
        await store.mailOutbox.add({ id, kind: 'mail', sealed: 'x', createdAt: 0 });
        await store.mailOutbox.giveUp(id, Date.now() - daysAgo * day, 'ESOCKET');
      }
      const warnings: unknown[] = [];
      const log = { debug: () => undefined, warn: (entry: unknown) => warnings.push(entry) };
      const stop = startHousekeeping(store, log as never, 20);
      const end = Date.now() + 5000;
      while ((await count()) !== 1 && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 20));
      await stop();
      expect(await count()).toBe(1);
      expect(await store.devices.useNonce('d:fresh', 60_000)).toBe(false);
      expect(await store.sql.all('SELECT id FROM mail_outbox')).toEqual([{ id: 'recent' }]);
      expect(warnings).toEqual([]);
    });
  });

  describe(`OpenID Provider state [${backend.name}]`, () => {
    const clock = { now: 1_700_000_000_000 };
    let store: Store;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      ({ store, dispose } = await backend.open(() => clock.now));
    });
    afterEach(() => dispose());

    it('keeps a model by the hash of its id and without its jti: the bearer value never rests in the table', async () => {
      const code = 'a-code-that-is-a-bearer-value-xyz';
      await store.oidcState.upsert('AuthorizationCode', code, { jti: code, grantId: 'g1', accountId: 'n001' }, 60);
      const rows = await store.sql.all<Record<string, unknown>>('SELECT * FROM oidc_state');
      expect(JSON.stringify(rows)).not.toContain(code);
      expect(await store.oidcState.find('AuthorizationCode', code)).toEqual({
        jti: code,
        grantId: 'g1',
        accountId: 'n001',
      });
      expect(await store.oidcState.find('AccessToken', code)).toBeUndefined(); // another model, another row
      // A model without a jti (an interaction, a grant) comes back without one.
      await store.oidcState.upsert('Interaction', 'uid-1', { uid: 'uid-1', params: { a: 1 } }, 60);
      expect(await store.oidcState.find('Interaction', 'uid-1')).toEqual({ uid: 'uid-1', params: { a: 1 } });
      expect(await store.oidcState.findByUid('Interaction', 'uid-1')).toEqual({ uid: 'uid-1', params: { a: 1 } });
    });

    it('marks a code consumed, revokes a grant’s tokens together, and forgets what expired (purged in the background)', async () => {
      await store.oidcState.upsert('AuthorizationCode', 'c1', { jti: 'c1', grantId: 'g1' }, 60);
      await store.oidcState.upsert('RefreshToken', 'r1', { jti: 'r1', grantId: 'g1' }, 3600);
      await store.oidcState.upsert('RefreshToken', 'r2', { jti: 'r2', grantId: 'g2' }, 3600);
      await store.oidcState.consume('AuthorizationCode', 'c1');
      expect(await store.oidcState.find('AuthorizationCode', 'c1')).toMatchObject({
        consumed: Math.floor(clock.now / 1000),
      });
      await store.oidcState.revokeByGrantId('g1');
      expect(await store.oidcState.find('RefreshToken', 'r1')).toBeUndefined();
      expect(await store.oidcState.find('RefreshToken', 'r2')).toMatchObject({ grantId: 'g2' });
      await store.oidcState.upsert('Session', 's1', { jti: 's1', uid: 'su1' }, 10);
      clock.now += 11_000;
      expect(await store.oidcState.find('Session', 's1')).toBeUndefined();
      expect(await store.oidcState.purgeExpired()).toBe(1);
      expect(await store.oidcState.find('RefreshToken', 'r2')).toMatchObject({ grantId: 'g2' });
      await store.oidcState.destroy('RefreshToken', 'r2');
      expect(Number((await store.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM oidc_state'))!.n)).toBe(0);
    });
  });
}
