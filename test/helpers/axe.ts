/**
 * axe-core in a Playwright page: its serious and critical violations under `selector`, as lines
 * that name the rule and the elements. The script is loaded once per page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(
  join(import.meta.dirname, '..', '..', 'node_modules', 'axe-core', 'axe.min.js'),
  'utf8',
);

export async function axeViolations(
  page: Page,
  selector = 'body',
  rules?: string[],
): Promise<string[]> {
  // Evaluated over the DevTools protocol, not as a <script>: it runs under a page's strict CSP.
  if (!(await page.evaluate('"axe" in window'))) await page.evaluate(axeSource);
  const result = (await page.evaluate(
    async ([where, only]) => {
      const axe = (
        globalThis as unknown as {
          axe: { run: (el: Element, options?: unknown) => Promise<unknown> };
        }
      ).axe;
      const root = document.querySelector(where as string) as Element;
      return axe.run(root, only ? { runOnly: { type: 'rule', values: only } } : undefined);
    },
    [selector, rules] as const,
  )) as { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
