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

/** Two hashes compared in constant time: for checking one token against several. */
export function hashesMatch(candidate: Buffer, hash: Buffer): boolean {
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

/** How long a join code shown in the room keeps working. */
export const JOIN_CODE_TTL_MS = 4 * 60 * 60 * 1000;

/** Letters and digits that cannot be mistaken for one another when read off a projector. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_PATTERN = /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{10}$/;

/** A short join code: 10 characters, about 50 bits, short-lived (see WorkshopStore). */
export function newJoinCode(): string {
  const bytes = crypto.randomBytes(10);
  let out = '';
  for (const b of bytes) out += CODE_ALPHABET[b % CODE_ALPHABET.length];
  return out;
}
