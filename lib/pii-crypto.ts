import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { config } from './config';

// SM4-CBC then HMAC-SM3 (encrypt-then-MAC): Node's OpenSSL has no SM4-GCM, and a MAC keeps a
// tampered ciphertext from decrypting to garbage silently. Format: v1.<iv>.<ciphertext>.<mac>, base64url.

function keys(): { enc: Buffer; mac: Buffer } {
  const master = Buffer.from(config().PII_KEY, 'hex');
  return {
    enc: createHmac('sm3', master).update('enc').digest().subarray(0, 16),
    mac: createHmac('sm3', master).update('mac').digest(),
  };
}

/** Encrypts personal data (身份证号, phone) for storage at rest. */
export function encryptPii(plain: string): string {
  const { enc, mac } = keys();
  const iv = randomBytes(16);
  const cipher = createCipheriv('sm4-cbc', enc, iv);
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const tag = createHmac('sm3', mac).update(iv).update(ct).digest();
  return ['v1', iv, ct, tag].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

/** Decrypts what encryptPii produced; throws if it was altered. */
export function decryptPii(sealed: string): string {
  const [version, ivB, ctB, tagB] = sealed.split('.');
  if (version !== 'v1' || !tagB) throw new Error('not an encrypted value');
  const { enc, mac } = keys();
  const iv = Buffer.from(ivB, 'base64url');
  const ct = Buffer.from(ctB, 'base64url');
  const expected = createHmac('sm3', mac).update(iv).update(ct).digest();
  const tag = Buffer.from(tagB, 'base64url');
  if (tag.length !== expected.length || !timingSafeEqual(tag, expected)) throw new Error('encrypted value was altered');
  const decipher = createDecipheriv('sm4-cbc', enc, iv);
  return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
}
