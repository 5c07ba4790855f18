/**
 * jsdom has no layout: every element measures 0 × 0, so a virtualized list would show no rows.
 * This gives elements the size of a small viewport (what the virtualizer reads: client and offset
 * sizes), so the components render the rows a real browser would show first. Layout
 * itself is tested in Chromium (test/e2e/storybook.test.ts).
 */
export function giveElementsASize(width = 800, height = 600): void {
  for (const [name, value] of [
    ['clientWidth', width],
    ['clientHeight', height],
  ] as const) {
    Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => value });
  }
  Object.defineProperty(HTMLElement.prototype, 'offsetWidth', {
    configurable: true,
    get: () => width,
  });
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', {
    configurable: true,
    get: () => height,
  });
}

/**
 * The scroll containers matching `selector` get a very tall viewport and every other element a
 * height of 1 px, so a virtualized list inside them mounts every row, and each row can be
 * compared with what it should show.
 */
export function mountEveryRow(selector: string, width = 1200, tall = 200_000): void {
  for (const name of ['offsetHeight', 'clientHeight'] as const) {
    Object.defineProperty(HTMLElement.prototype, name, {
      configurable: true,
      get(this: HTMLElement) {
        return this.matches(selector) ? tall : 1;
      },
    });
  }
  for (const name of ['offsetWidth', 'clientWidth'] as const) {
    Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => width });
  }
}
