export const ROLES = ['host', 'facilitator', 'participant', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  host: 'Host',
  facilitator: 'Facilitator',
  participant: 'Participant',
  viewer: 'Viewer',
};

export function canEdit(role: Role): boolean {
  return role !== 'viewer';
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Who may export the report: the host and facilitator always; others when the host allows. */
export function mayExport(role: Role, readersMayExport: boolean): boolean {
  return role === 'host' || role === 'facilitator' || readersMayExport;
}
