// @vitest-environment jsdom
/**
 * Markdown in the file view: rendered by default with a Source switch, headings with prefixed
 * anchors, relative links opening files of the repository, and nothing from the text becoming
 * markup, a script URL or a request (the Chromium half of this is in test/e2e/storybook.test.ts).
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { resolveRepositoryPath, safeUrl } from '../../src/components/file-view/markdown.js';
import { FilePreview } from '../../src/components/index.js';
import { findReadme } from '../../src/components/repository-browser/FolderReadme.js';
import { textFile } from '../../stories/support/fixtures.js';
import { giveElementsASize } from '../helpers/jsdom-layout.js';

beforeAll(() => giveElementsASize());
afterEach(cleanup);

describe('Markdown preview', () => {
  it('renders README.md with anchored headings, and shows the text with Source', async () => {
    const text = '# Title\n\n## Getting started\n\nSee [the guide](../docs/guide.md#usage).\n';
    const open = vi.fn();
    render(
      <FilePreview
        path="pkg/README.md"
        content={textFile('pkg/README.md', text)}
        onOpenPath={open}
      />,
    );
    const article = await screen.findByRole('article', { name: 'pkg/README.md, rendered' });
    const heading = await within(article).findByRole('heading', { name: /Getting started/ });
    expect(heading.id).toBe('user-content-getting-started');
    expect(screen.getByRole('button', { name: 'Preview' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    fireEvent.click(within(article).getByRole('link', { name: 'the guide' }));
    expect(open).toHaveBeenCalledWith('docs/guide.md');

    fireEvent.click(screen.getByRole('button', { name: 'Source' }));
    expect(screen.queryByRole('article')).toBeNull();
    await screen.findByRole('region', { name: 'Contents of pkg/README.md' });
  });

  it('drops raw HTML and unsafe URLs, and never fetches another site’s image', async () => {
    const text = [
      '<script>window.__pwned = 1</script>',
      '<img src=x onerror="window.__pwned=1">',
      '[a](javascript:alert(1)) [b](data:text/html,x) [c](https://example.com/ok)',
      '![remote](https://tracker.example/p.png) ![inline](data:image/png;base64,AAAA)',
    ].join('\n\n');
    render(<FilePreview path="README.md" content={textFile('README.md', text)} />);
    const article = await screen.findByRole('article');
    await within(article).findByRole('link', { name: 'c' });
    expect(article.querySelector('script, img')).toBeNull();
    const hrefs = [...article.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(['https://example.com/ok', 'https://tracker.example/p.png']);
    expect(article.querySelector('a[href^="https://example.com"]')?.getAttribute('rel')).toBe(
      'noopener noreferrer nofollow',
    );
    expect(article.textContent).toContain('Image on another site: remote');
  });

  it('keeps Source for Markdown holding bidirectional controls (the source view shows them)', async () => {
    render(
      <FilePreview
        path="a.md"
        content={textFile('a.md', 'abc \u202e def\n')}
        markdownView="preview"
      />,
    );
    await screen.findByRole('region', { name: 'Contents of a.md' });
    expect(screen.getByRole('button', { name: 'Source' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
  });
});

describe('paths in Markdown', () => {
  it('resolves relative links from the file’s folder and refuses to leave the repository', () => {
    expect(resolveRepositoryPath('docs/a.md', 'b.md')).toBe('docs/b.md');
    expect(resolveRepositoryPath('docs/a.md', '../img/x.png?raw=1')).toBe('img/x.png');
    expect(resolveRepositoryPath('docs/a.md', '/src/my%20file.ts#L3')).toBe('src/my file.ts');
    expect(resolveRepositoryPath('docs/a.md', '../../etc/passwd')).toBeNull();
    expect(resolveRepositoryPath('a.md', '//evil.example/x')).toBeNull();
    expect(resolveRepositoryPath('a.md', 'https://x.example')).toBeNull();
    expect(resolveRepositoryPath('a.md', '#top')).toBeNull();
  });

  it('keeps only web and mail links, and only web images', () => {
    expect(safeUrl(' JaVaScRiPt:alert(1) ', 'href')).toBe('');
    expect(safeUrl('data:text/html,x', 'href')).toBe('');
    expect(safeUrl('mailto:a@b.c', 'href')).toBe('mailto:a@b.c');
    expect(safeUrl('mailto:a@b.c', 'src')).toBe('');
    expect(safeUrl('https://x.example/a.png', 'src')).toBe('https://x.example/a.png');
    expect(safeUrl('img/a.png', 'src')).toBe('img/a.png');
  });

  it('finds a folder’s README, Markdown first', () => {
    const paths = ['docs/readme.txt', 'docs/README.md', 'docs/sub/README.md', 'README'];
    expect(findReadme(paths, 'docs')).toBe('docs/README.md');
    expect(findReadme(paths, '')).toBe('README');
    expect(findReadme(['src/a.ts'], 'src')).toBeNull();
  });
});
