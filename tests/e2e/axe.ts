import type AxeBuilder from '@axe-core/playwright';

/** Run axe and return the serious and critical problems, printed so that a failure says what to fix. */
export async function seriousViolations(builder: AxeBuilder): Promise<string[]> {
  const results = await builder.analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of serious) {
    console.error(`axe ${v.impact}: ${v.id} – ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`);
  }
  const minor = results.violations.filter((v) => !serious.includes(v));
  if (minor.length > 0) console.warn(`axe (minor): ${minor.map((v) => `${v.id} (${v.nodes.length})`).join(', ')}`);
  return serious.map((v) => `${v.id}: ${v.help}`);
}
