/**
 * The server key for encryption at rest. Configured (SIDEKEY_SECRET_KEY) in
 * production and whenever several instances share a database; in development
 * generated once into DATA_DIR/secret.key (mode 0600) so `npm start` just works.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ServerConfig } from './config';

export function serverKey(config: ServerConfig): Uint8Array {
  if (config.secretKey) return config.secretKey;
  if (config.mode === 'production') throw new TypeError('SIDEKEY_SECRET_KEY is required in production');
  const file = path.join(config.dataDir, 'secret.key');
  if (fs.existsSync(file)) return new Uint8Array(Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64'));
  fs.mkdirSync(config.dataDir, { recursive: true });
  const key = crypto.randomBytes(32);
  fs.writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return new Uint8Array(key);
}
