import crypto from 'node:crypto';

/** A link secret: 256 random bits, URL-safe. */
export function newToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/**
 * Tokens are long random secrets, so a fast hash is enough (nothing to brute-force);
 * only the hash is stored.
 */
export function hashToken(token: string): Buffer {
  return crypto.createHash('sha256').update(token, 'utf8').digest();
}

export function tokenMatches(token: string, hash: Buffer): boolean {
  const candidate = hashToken(token);
  return hash.length === candidate.length && crypto.timingSafeEqual(candidate, hash);
}

/** Workshop ids: lower-case letters and digits, so they are safe in paths and filenames. */
export function newWorkshopId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = crypto.randomBytes(14);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}
