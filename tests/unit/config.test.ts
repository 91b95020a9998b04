import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config';

describe('loadConfig', () => {
  it('defaults to the embedded SQLite store in ./data, development mode, localhost:8080', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      mode: 'development',
      host: 'localhost',
      port: 8080,
      publicUrl: 'http://localhost:8080',
    });
    expect(config.store).toEqual({ kind: 'sqlite', file: path.resolve('data', 'sidekey.sqlite') });
  });

  it('selects PostgreSQL when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db/x' }).store).toEqual({
      kind: 'postgres',
      url: 'postgres://u@db/x',
    });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 8080, store: { kind: 'sqlite' } });
  });

  it('strips a trailing slash from PUBLIC_URL', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://login.example.eu/' }).publicUrl).toBe('https://login.example.eu');
  });

  it.each([
    [{ PORT: 'abc' }, 'invalid configuration: PORT must be a whole number from 0 to 65535 (got "abc")'],
    [{ PORT: '70000' }, 'invalid configuration: PORT must be a whole number from 0 to 65535 (got "70000")'],
    [{ PORT: '80.5' }, 'invalid configuration: PORT must be a whole number from 0 to 65535 (got "80.5")'],
    [
      { SIDEKEY_MODE: 'prod' },
      'invalid configuration: SIDEKEY_MODE must be development, production or test (got "prod")',
    ],
    [{ PUBLIC_URL: 'ftp://x' }, 'invalid configuration: PUBLIC_URL must be an http or https URL (got "ftp://x")'],
    [{ PUBLIC_URL: 'https://x/cas' }, /PUBLIC_URL must be an origin without a path/],
    [{ LOG_LEVEL: 'loud' }, /^invalid configuration: LOG_LEVEL must be one of fatal, error/],
    [{ SIDEKEY_MODE: 'production' }, 'invalid configuration: PUBLIC_URL must be set in production mode'],
    [{ PORT: '0' }, /PUBLIC_URL must be set when PORT is 0/],
  ])('refuses %o with one line naming the setting', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never echoes a DATABASE_URL, which may hold a password', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://admin:s3cret@db/x' })).toThrow(
      /^invalid configuration: DATABASE_URL must start with postgres:\/\/ or postgresql:\/\/$/,
    );
  });

  it('cuts an absurdly long value in the message to one short line', () => {
    try {
      loadConfig({ PORT: '9'.repeat(5000) });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message.length).toBeLessThan(200);
      expect((error as Error).message).not.toContain('\n');
    }
  });
});
