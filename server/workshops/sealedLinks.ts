import crypto from 'node:crypto';

/**
 * Links the host can see again, which the server itself cannot read: each is sealed
 * (AES-256-GCM) with a key derived from the host's own link secret, which the server
 * only ever holds in memory while the host's request is answered. A lost host link is
 * the one link that cannot be recovered, and the one that can open the others.
 */
function keyFor(hostToken: string, workshop: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', Buffer.from(hostToken, 'utf8'), Buffer.from(workshop, 'utf8'), Buffer.from('cairn sealed links', 'utf8'), 32));
}

export function seal(hostToken: string, workshop: string, secret: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', keyFor(hostToken, workshop), iv);
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

/** The secret, or null when it cannot be opened with this host link (a changed host link, or damage). */
export function unseal(hostToken: string, workshop: string, sealed: string): string | null {
  try {
    const [iv, tag, body] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
    const decipher = crypto.createDecipheriv('aes-256-gcm', keyFor(hostToken, workshop), iv!);
    decipher.setAuthTag(tag!);
    return Buffer.concat([decipher.update(body!), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
