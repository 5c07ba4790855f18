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
}> {
  const dir = await mkdtemp(join(process.cwd(), 'bench/.tmp-bundle-'));
  try {
    const entry = join(dir, 'entry.ts');
    await writeFile(entry, source);
    await build({
      configFile: false,
      logLevel: 'silent',
      build: {
        outDir: join(dir, 'out'),
        minify: true,
        target: 'es2022',
        lib: { entry, formats: ['es'], fileName: 'entry' },
        rollupOptions: { output: { chunkFileNames: 'chunk-[name].js' } },
      },
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
    return {
      bundle: label,
      entryGzipBytes: entryGz,
      entryGzipKB: Number((entryGz / 1024).toFixed(1)),
      lazyChunksGzipBytes: sizes,
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

if (import.meta.url === `file://${process.argv[1]}`) {
  const ours = await measureCore();
  const theirs = await measure('@pierre/storage 1.17.1', `export * from '@pierre/storage';`);
  const ratio = Number((ours.entryGzipBytes / theirs.entryGzipBytes).toFixed(2));
  process.stdout.write(
    `${JSON.stringify({ bench: 'bundle-size', ours, official: theirs, ratioOursToOfficial: ratio }, null, 2)}\n`,
  );
}
