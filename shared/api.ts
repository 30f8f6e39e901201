import { z } from 'zod';
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
}

export interface ApiError {
  error: string;
}

/** Links carry the secret after '#', so it never reaches server logs or Referer headers. */
export function workshopPath(id: string, token: string): string {
  return `/w/${id}#k=${token}`;
}
