// @vitest-environment jsdom
/**
 * Bidirectional controls in repository text are shown, never obeyed: `invoice\u202Efdp.exe`
 * must not read as "invoiceexe.pdf". Names are isolated (`<bdi>`) with each control drawn as a
 * visible mark; code with controls gets a banner, in the file view and in the diff.
 */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  CommitList,
  DiffView,
  FilePreview,
  FileTree,
  PathTree,
} from '../../src/components/index.js';
import { fileDiff } from '../../stories/support/diff-fixtures.js';
import { giveElementsASize, mountEveryRow } from '../helpers/jsdom-layout.js';

const RLO = '\u202E';
afterEach(cleanup);

describe('bidirectional text', () => {
  beforeAll(() => giveElementsASize());

  it('isolates a file name in the tree and shows its override as a mark', () => {
    render(<FileTree source={new PathTree([`invoice${RLO}fdp.exe`])} />);
    const name = document.querySelector('.gsk-file-tree__name') as HTMLElement;
    expect(name.tagName).toBe('BDI');
    expect(name.textContent).toBe('invoice<U+202E>fdp.exe');
    expect(name.querySelector('.gsk-bidi-control')?.textContent).toBe('<U+202E>');
  });

  it('keeps an override in a commit title from reversing the author and date after it', () => {
    render(
      <CommitList
        commits={[
          {
            sha: 'a'.repeat(40),
            message: `Fix ${RLO}gnittes`,
            authorName: `Eve${RLO}`,
            date: new Date('2026-01-01T00:00:00Z'),
          },
        ]}
      />,
    );
    const title = document.querySelector('.gsk-commit-list__title') as HTMLElement;
    expect(title.tagName).toBe('BDI');
    expect(title.textContent).toBe('Fix <U+202E>gnittes');
    const byline = document.querySelector('.gsk-commit-list__byline') as HTMLElement;
    expect(byline.querySelector('bdi')?.textContent).toBe('Eve<U+202E>');
  });

  it('warns about code with controls in the file view, and marks them in the lines', () => {
    const text = `const ok = true;\nif (role === "user${RLO} ${'\u2066'}// admin") {}\n`;
    render(
      <FilePreview
        path="src/check.js"
        content={{
          path: 'src/check.js',
          size: text.length,
          text,
          bytes: new TextEncoder().encode(text),
          isBinary: false,
          truncated: false,
        }}
      />,
    );
    expect(screen.getByRole('note').textContent).toMatch(/bidirectional Unicode/);
    expect(document.body.textContent).toContain('user<U+202E> <U+2066>// admin');
  });

  it('warns in the diff and shows the marks in the changed lines', async () => {
    mountEveryRow('.gsk-diff__scroll');
    const file = fileDiff('src/check.js', [
      { removed: ['if (ok) {}'], added: [`if (role === "user${RLO}") {}`] },
    ]);
    render(
      <DiffView diff={{ files: [file], filteredFiles: [] }} split={false} highlight={false} />,
    );
    expect((await screen.findByRole('note')).textContent).toMatch(/bidirectional Unicode/);
    await screen.findAllByText(/user<U\+202E>/);
  });
});
