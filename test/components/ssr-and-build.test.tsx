/**
 * Server rendering and the published build: presentational components render with
 * react-dom/server in plain Node (no window, no document), connected ones render their loading
 * state without a request, and the built `./components` and `./react` entries start with
 * 'use client' (what a Next.js App Router page needs) and render from dist.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { build } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BranchCombobox,
  CommitList,
  DiffView,
  FilePreview,
  FileTree,
  PathTree,
  RepositoryBrowser,
} from '../../src/components/index.js';
import { GitStorage } from '../../src/core/index.js';
import { GitStorageProvider } from '../../src/react/index.js';
import { sampleDiff } from '../../stories/support/diff-fixtures.js';
import { COMPONENT_FAMILIES } from '../../vite.config.js';

const root = join(import.meta.dirname, '..', '..');
// Inside the project, so the built files resolve react and friends from node_modules.
const outDir = join(root, 'node_modules', '.cache', 'gsk-build-test');

describe('server rendering', () => {
  it('renders presentational components without window or document', () => {
    expect(typeof window).toBe('undefined');
    const tree = renderToString(
      <FileTree source={new PathTree(['src/a.ts', 'README.md'])} defaultExpanded={['src']} />,
    );
    expect(tree).toContain('role="tree"');
    expect(tree).toContain('aria-level="2"');
    expect(tree).toContain('a.ts');
    const file = renderToString(
      <FilePreview
        path="x.html"
        content={{
          path: 'x.html',
          text: '<b>not bold</b>\n',
          bytes: new TextEncoder().encode('<b>not bold</b>\n'),
          isBinary: false,
          size: 16,
          truncated: false,
        }}
      />,
    );
    expect(file).toContain('&lt;b&gt;not bold&lt;/b&gt;');
    expect(file).not.toContain('<b>');
    const commits = renderToString(
      <CommitList
        commits={[{ sha: 'a'.repeat(40), message: 'hi', authorName: 'Ada', date: new Date(0) }]}
        now={new Date(86_400_000)}
        locale="en"
      />,
    );
    expect(commits).toContain('yesterday');
    expect(
      renderToString(<BranchCombobox branches={['main']} value="main" onChange={() => {}} />),
    ).toContain('role="combobox"');
    // The diff's file list and regions render on the server; its lines are filled in the browser.
    const diff = renderToString(
      <DiffView diff={sampleDiff} split={false} initialRect={{ width: 1000, height: 800 }} />,
    );
    expect(diff).toContain('role="listbox"');
    expect(diff).toContain('README.md');
    expect(diff).toContain('9 files changed');
  });

  it('renders a connected component as loading, asking for no token', () => {
    let asked = 0;
    const client = new GitStorage({
      name: 'ssr',
      getToken: async () => {
        asked++;
        return 'never';
      },
    });
    const html = renderToString(
      <GitStorageProvider client={client}>
        <RepositoryBrowser repoId="team/app" syncUrlHash />
      </GitStorageProvider>,
    );
    expect(html).toContain('Repository team/app');
    expect(html).toContain('Loading…');
    expect(asked).toBe(0);
  });
});

describe('the built package', () => {
  beforeAll(async () => {
    await build({
      root,
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true, sourcemap: false },
    });
  }, 120_000);

  it("starts the hook entries with 'use client' and ships the stylesheet", () => {
    expect(COMPONENT_FAMILIES).toHaveLength(12);
    const families = COMPONENT_FAMILIES.map((family) => `components/${family}/index.js`);
    for (const entry of ['components/index.js', 'react/index.js', ...families]) {
      expect(readFileSync(join(outDir, entry), 'utf8').split('\n')[0]).toMatch(
        /^["']use client["'];$/,
      );
    }
    for (const entry of [
      'core/index.js',
      'core/browser.js',
      'core/review/index.js',
      'server/index.js',
    ]) {
      expect(readFileSync(join(outDir, entry), 'utf8')).not.toMatch(/^["']use client/);
    }
    expect(existsSync(join(outDir, 'styles.css'))).toBe(true);
    expect(readFileSync(join(outDir, 'styles.css'), 'utf8')).toContain('--gsk-bg');
  });

  it('ships one file per module and imports its dependencies, never inlining them', () => {
    const files = (readdirSync(outDir, { recursive: true }) as string[]).filter((f) =>
      f.endsWith('.js'),
    );
    // A bundler keeps only the modules an app imports: FileTree alone never brings the diff.
    expect(files).toContain(join('components', 'file-browser', 'FileTree.js'));
    expect(files.some((f) => f.includes('node_modules'))).toBe(false);
    const code = files.map((f) => readFileSync(join(outDir, f), 'utf8')).join('\n');
    expect(code).toMatch(/from ["']react-dropzone["']/);
    expect(code).toMatch(/from ["']react-diff-viewer-continued["']/);
    expect(code).not.toMatch(/function useDropzone\b/);
    // No file of the repository inlined as a data: URL (the CLI reads package.json at run time).
    expect(code).not.toContain('data:application/json');
  });

  it('exports each component family on its own entry (package.json names them all)', async () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      exports: Record<string, { default: string } | string>;
    };
    const family = await import(join(outDir, 'components/file-browser/index.js'));
    expect(Object.keys(family)).toEqual(
      expect.arrayContaining(['FileBrowser', 'FileTree', 'useFileTree', 'PathTree']),
    );
    expect(family.DiffViewer).toBeUndefined();
    const entry = pkg.exports['./components/file-browser'] as { default: string };
    expect(entry.default).toBe('./dist/components/file-browser/index.js');
  });

  it('renders from dist in Node, sharing one context between ./react and ./components', async () => {
    const components = await import(join(outDir, 'components/index.js'));
    const react = await import(join(outDir, 'react/index.js'));
    const client = new GitStorage({ name: 'ssr', getToken: async () => 'never' });
    const html = renderToString(
      createElement(
        react.GitStorageProvider,
        { client },
        createElement(components.FileBrowser, { repoId: 'a/b' }),
      ),
    );
    expect(html).toContain('Loading…');
  });
});
