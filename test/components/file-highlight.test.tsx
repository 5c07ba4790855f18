// @vitest-environment jsdom
/**
 * The file view highlights code with the diff's grammars (loaded on first use): keywords,
 * strings and comments get the stylesheet's syntax colours, a comment spanning lines stays one;
 * unknown types and text with bidirectional controls stay plain.
 */
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FilePreview } from '../../src/components/index.js';
import { highlightLines } from '../../src/components/shared/highlight.js';
import { languageOfPath } from '../../src/components/shared/languages.js';
import { textFile } from '../../stories/support/fixtures.js';
import { giveElementsASize } from '../helpers/jsdom-layout.js';

beforeAll(() => giveElementsASize());
afterEach(cleanup);

describe('code highlighting', () => {
  it('tokenizes the whole text, so a comment over two lines is a comment on both', async () => {
    const lines = await highlightLines('/* one\ntwo */ const x = "s";\n', languageOfPath('a.ts'));
    expect(lines?.[0]).toEqual([{ text: '/* one', type: 'comment' }]);
    expect(lines?.[1]?.slice(0, 3)).toEqual([
      { text: 'two */', type: 'comment' },
      { text: ' ' },
      { text: 'const', type: 'keyword' },
    ]);
    expect(lines?.[1]?.find((t) => t.text === '"s"')?.type).toBe('string');
  });

  it('colours a TypeScript file in the file view with the syntax variables', async () => {
    render(<FilePreview path="src/a.ts" content={textFile('src/a.ts', 'export const a = 1;\n')} />);
    await waitFor(() => {
      const keyword = [...document.querySelectorAll('.gsk-file-preview__line-text span')].find(
        (el) => el.textContent === 'export',
      ) as HTMLElement | undefined;
      expect(keyword?.style.color).toBe('var(--gsk-syntax-keyword, var(--gsk-fg))');
    });
    expect(screen.getByRole('region', { name: 'Contents of src/a.ts' }).textContent).toContain(
      'export const a = 1;',
    );
  });

  it('highlights a file of exactly the line limit (its final newline starts no line)', async () => {
    const text = 'let a = 1;\n'.repeat(5_000);
    const lines = await highlightLines(text, 'typescript');
    expect(lines).toHaveLength(5_000);
    expect(lines?.[4_999]?.[0]).toEqual({ text: 'let', type: 'keyword' });
    expect(await highlightLines('let a = 1;\n'.repeat(5_001), 'typescript')).toBeNull();
  });

  it('leaves unknown types and text with bidirectional controls plain', async () => {
    expect(await highlightLines('anything', languageOfPath('notes.unknown'))).toBeNull();
    // The grammar is loaded already, so a highlight would land within the next tasks.
    await highlightLines('const a = 1;', 'typescript');
    render(
      <FilePreview
        path="src/b.ts"
        content={textFile('src/b.ts', 'const role = "user\u202E // admin";\n')}
      />,
    );
    await screen.findByRole('region', { name: 'Contents of src/b.ts' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(document.querySelector('.gsk-file-preview__line-text span[style]')).toBeNull();
    expect(document.body.textContent).toContain('user<U+202E> // admin');
  });
});
