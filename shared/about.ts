/** What GET /api/about answers: facts about this installation that its pages show. */
export interface AboutResponse {
  /** Where to report an accessibility problem (config: ACCESSIBILITY_CONTACT), or null when not set. */
  accessibilityContact: string | null;
}
