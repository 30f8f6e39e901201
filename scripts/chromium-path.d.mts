/** Types for chromium-path.mjs, so that TypeScript tests can import it. */
export function findChromium(): string | null;
export const CHROMIUM_ARGS: string[];
