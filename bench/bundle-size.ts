/**
 * Minified + gzip size of the core entry as a browser app would bundle it (dependencies included,
 * tree-shaken), beside the official SDK's entry measured the same way.
 * Usage: npm run bench:bundle-size
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

export async function measure(
  label: string,
  source: string,
): Promise<{
  bundle: string;
  entryGzipBytes: number;
  entryGzipKB: number;
  lazyChunksGzipBytes: Record<string, number>;
  /** Minified bytes per source module in the chunks loaded up front (for `--why`). */
  eagerModules: Record<string, number>;
}> {
  const modules: Record<string, Record<string, number>> = {};
  const dir = await mkdtemp(join(process.cwd(), 'bench/.tmp-bundle-'));
  try {
    const entry = join(dir, 'entry.ts');
    await writeFile(entry, source);
    await build({
      configFile: false,
      logLevel: 'silent',
      // As an app's production build does (library mode would keep development-only branches).
      define: { 'process.env.NODE_ENV': JSON.stringify('production') },
      build: {
        outDir: join(dir, 'out'),
        minify: true,
        target: 'es2022',
        lib: { entry, formats: ['es'], fileName: 'entry' },
        rollupOptions: { output: { chunkFileNames: 'chunk-[name].js' } },
      },
      plugins: [
        {
          name: 'module-sizes',
          generateBundle(_options, bundle) {
            for (const [file, chunk] of Object.entries(bundle)) {
              if (chunk.type !== 'chunk') continue;
              modules[file] = Object.fromEntries(
                Object.entries(chunk.modules).map(([id, m]) => [id, m.renderedLength]),
              );
            }
          },
        },
      ],
    });
    const files = await readdir(join(dir, 'out'));
    const sizes: Record<string, number> = {};
    for (const f of files.filter((f) => f.endsWith('.js'))) {
      sizes[f] = gzipSync(await readFile(join(dir, 'out', f))).length;
    }
    // The entry plus every chunk it imports statically is what a page loads up front.
    const entryCode = await readFile(join(dir, 'out', 'entry.js'), 'utf8');
    const eager = Object.keys(sizes).filter(
      (f) =>
        f === 'entry.js' ||
        new RegExp(`^import[^;]*["']\\./${f.replace('.', '\\.')}["']`, 'm').test(entryCode),
    );
    const entryGz = eager.reduce((sum, f) => sum + (sizes[f] ?? 0), 0);
    const eagerModules: Record<string, number> = {};
    for (const f of eager) Object.assign(eagerModules, modules[f]);
    return {
      bundle: label,
      entryGzipBytes: entryGz,
      entryGzipKB: Number((entryGz / 1024).toFixed(1)),
      lazyChunksGzipBytes: sizes,
      eagerModules,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The core entry as a browser app bundles it: the package's `browser` condition resolves to
 * src/core/browser.ts (no key-mode signing). `entry: 'node'` measures the Node entry instead.
 */
export function measureCore(entry: 'browser' | 'node' = 'browser') {
  return measure(
    `git-storage-kit core, ${entry} entry (GitStorage, Repo, CommitBuilder, CommitDraft, errors, transports)`,
    `export * from ${JSON.stringify(join(process.cwd(), `src/core/${entry === 'browser' ? 'browser' : 'index'}.ts`))};`,
  );
}

/**
 * The app a component is added to: react-dom's client (every React app renders with it), the
 * provider and a hook. Without react-dom in the baseline, the few kB of it that a component's
 * `flushSync` import pulls in were counted as the component's.
 */
function baseApp(dist: (path: string) => string): string {
  return [
    `import { createRoot } from 'react-dom/client';`,
    `import { GitStorageProvider, useFiles } from ${dist('react/index.js')};`,
    'export const used = [createRoot, GitStorageProvider, useFiles];',
    '',
  ].join('\n');
}

/** The components an app may import alone, each measured against a provider + hooks app. */
export const COMPONENTS = [
  'FileBrowser',
  'FileTree',
  'CommitHistory',
  'BranchPicker',
  'DiffViewer',
  'CommitComposer',
  'RepositoryBrowser',
  'ReviewDiff',
  'MergePanel',
] as const;

/**
 * What one component adds to an app that already has the provider and a hook, as the published
 * package (`dist/`, built first) is bundled by Vite: the eager bytes of the app with the
 * component minus the app without it, and the lazy chunks it brings (loaded only when used).
 */
export async function measureComponents(): Promise<
  Record<string, { addedEagerGzipKB: number; lazyChunks: number; lazyGzipKB: number }>
> {
  const dist = (path: string) => JSON.stringify(join(process.cwd(), 'dist', path));
  const base = baseApp(dist);
  const baseline = await measure('provider + hooks', base);
  const out: Record<string, { addedEagerGzipKB: number; lazyChunks: number; lazyGzipKB: number }> =
    {};
  for (const name of COMPONENTS) {
    const app = await measure(
      name,
      `${base}import { ${name} } from ${dist('components/index.js')};\nexport const component = ${name};\n`,
    );
    const lazy = Object.entries(app.lazyChunksGzipBytes).filter(
      ([file]) => file !== 'entry.js' && !(file in baseline.lazyChunksGzipBytes),
    );
    out[name] = {
      addedEagerGzipKB: Number(((app.entryGzipBytes - baseline.entryGzipBytes) / 1024).toFixed(1)),
      lazyChunks: lazy.length,
      lazyGzipKB: Number((lazy.reduce((sum, [, bytes]) => sum + bytes, 0) / 1024).toFixed(1)),
    };
  }
  return out;
}

/**
 * Why a component costs what it does: the modules its app loads up front that the provider +
 * hooks app does not, largest first (minified bytes before gzip, grouped by package).
 */
export async function explainComponent(name: string): Promise<Record<string, number>> {
  const dist = (path: string) => JSON.stringify(join(process.cwd(), 'dist', path));
  const base = baseApp(dist);
  const baseline = await measure('provider + hooks', base);
  const app = await measure(
    name,
    `${base}import { ${name} } from ${dist('components/index.js')};\nexport const component = ${name};\n`,
  );
  const added: Record<string, number> = {};
  for (const [id, bytes] of Object.entries(app.eagerModules)) {
    if (id in baseline.eagerModules) continue;
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id)?.[1];
    const key = pkg ?? id.replace(`${process.cwd()}/`, '');
    added[key] = (added[key] ?? 0) + bytes;
  }
  return Object.fromEntries(Object.entries(added).sort((a, b) => b[1] - a[1]));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const why = process.argv.indexOf('--why');
  if (why > 0) {
    const name = process.argv[why + 1] ?? 'BranchPicker';
    process.stdout.write(
      `${JSON.stringify({ component: name, addedModules: await explainComponent(name) }, null, 2)}\n`,
    );
    process.exit(0);
  }
  const ours = await measureCore();
  const theirs = await measure('@pierre/storage 1.17.1', `export * from '@pierre/storage';`);
  const ratio = Number((ours.entryGzipBytes / theirs.entryGzipBytes).toFixed(2));
  const components = process.argv.includes('--components') ? await measureComponents() : undefined;
  process.stdout.write(
    `${JSON.stringify({ bench: 'bundle-size', ours, official: theirs, ratioOursToOfficial: ratio, ...(components ? { components } : {}) }, null, 2)}\n`,
  );
}
