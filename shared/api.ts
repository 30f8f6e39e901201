import * as z from 'zod';
import { LIMITS } from './model/mutations.js';
import type { Role } from './roles.js';

/** What POST /api/workshops accepts. Shared so the client form validates the same way. */
export const createWorkshopSchema = z.object({
  title: z
    .string({ error: 'Give the workshop a title.' })
    .trim()
    .min(1, 'Give the workshop a title.')
    .max(LIMITS.title, `Keep the title under ${LIMITS.title} characters.`),
  hostAuthority: z.string().trim().max(LIMITS.hostAuthority, `Keep the host authority under ${LIMITS.hostAuthority} characters.`).optional(),
  focusQuestion: z.string().trim().max(LIMITS.focusQuestion, `Keep the focus question under ${LIMITS.focusQuestion} characters.`).optional(),
});
export type CreateWorkshopRequest = z.infer<typeof createWorkshopSchema>;

export interface CreateWorkshopResponse {
  id: string;
  tokens: Record<Role, string>;
  links: Record<Role, string>;
}

export interface WorkshopInfoResponse {
  id: string;
  title: string;
  role: Role;
  /** Whether the host lets participants and readers export the report. */
  readersMayExport: boolean;
  /** For a personal link: who it belongs to (their dots and cards are theirs alone). */
  person: { id: string; name: string } | null;
}

/** What PATCH /api/workshops/:id/settings accepts (host only). */
export const workshopSettingsSchema = z.strictObject(
  { readersMayExport: z.boolean({ error: 'readersMayExport must be true or false.' }) },
  { error: (i) => (i.code === 'unrecognized_keys' ? `Unknown setting: ${(i as { keys?: string[] }).keys?.join(', ')}.` : 'Send the settings as a JSON object.') },
);
export type WorkshopSettings = z.infer<typeof workshopSettingsSchema>;

// Kept with the roles (no zod there), so the workshop page can ask without loading zod.
export { mayExport } from './roles.js';

/** A role's new link after the host changed it: POST /api/workshops/:id/links/:role. */
/** GET /api/workshops/:id/links (host): every current link; null for one that cannot be shown again (made before links were kept). */
export interface CurrentLinksResponse {
  links: Record<Role, string | null>;
}

export interface RotatedLinkResponse {
  role: Role;
  token: string;
  link: string;
}

/** A saved version of a workshop, as listed: GET /api/workshops/:id/history. */
export interface VersionInfoBody {
  id: number;
  name: string;
  kind: 'auto' | 'named' | 'phase' | 'before-restore';
  createdAt: string;
  createdBy: string;
}

/** One version with its content (a Yjs update from empty, base64). */
export interface VersionBody extends VersionInfoBody {
  state: string;
}

/** A short-lived code that joins as a participant: POST /api/workshops/:id/join-code. */
export interface JoinCodeResponse {
  code: string;
  /** The short link, e.g. https://cairn.example/j/K7MXQ2PAZR */
  link: string;
  expiresAt: string;
}

export interface ApiError {
  error: string;
}

/** Links carry the secret after '#', so it never reaches server logs or Referer headers. */
export function workshopPath(id: string, token: string): string {
  return `/w/${id}#k=${token}`;
}

/** A person of the workshop, as the host sees them in Setup. */
export interface PersonBody {
  id: string;
  name: string;
  /** Invited by the host from Setup, or joined through the shared participant link. */
  source: 'invited' | 'shared-link';
  createdAt: string;
  /** Their personal link, when the host's own link can open it (invited people); null otherwise. */
  link: string | null;
}

/** What POST /api/workshops/:id/people answers: the person and their personal link. */
export interface NewPersonResponse {
  person: PersonBody;
  /** The personal link's secret: kept by the browser that joined, or given to the person invited. */
  token: string;
}

/** What POST /api/workshops/:id/people accepts: the person's name. */
export const newPersonSchema = z.strictObject({
  name: z.string({ error: 'Give the person’s name.' }).trim().min(1, 'Give the person’s name.').max(LIMITS.name, `Keep the name under ${LIMITS.name} characters.`),
});
