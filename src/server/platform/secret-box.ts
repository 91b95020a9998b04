/**
 * Encryption at rest of server-side secrets (the devices' OCRA keys) with the
 * server key: AES-256-GCM, a random 96-bit nonce per value (NIST SP 800-38D
 * §8.2.2), and the owning record's id as associated data so a ciphertext cannot
 * be moved to another record.
 */
import crypto from 'node:crypto';

export interface SecretBox {
  seal(plaintext: Uint8Array, associatedData: string): string;
  /** Throws when the ciphertext or its associated data were tampered with. */
  open(sealed: string, associatedData: string): Uint8Array;
}

export function createSecretBox(key: Uint8Array): SecretBox {
  if (key.length !== 32) throw new TypeError(`The server key must be 32 bytes, got ${key.length}`);
  return {
    seal(plaintext, associatedData) {
      const nonce = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, nonce);
      cipher.setAAD(Buffer.from(associatedData, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      return [
        'v1',
        nonce.toString('base64url'),
        body.toString('base64url'),
        cipher.getAuthTag().toString('base64url'),
      ].join('.');
    },
    open(sealed, associatedData) {
      const [version, nonce, body, tag] = sealed.split('.');
      if (version !== 'v1' || !nonce || body === undefined || !tag) throw new Error('Not a sealed secret');
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
      decipher.setAAD(Buffer.from(associatedData, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return new Uint8Array(Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]));
    },
  };
}
