import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { defineConfig, type Plugin } from 'vite';

// Library build: one ES module per public entry, dependencies and Node built-ins left as imports.
// Type declarations come from `tsc -p tsconfig.build.json` (see the build script).
const external = [
  /^node:/,
  ...builtinModules,
  'jose',
  // react, react-dom and every subpath (jsx-runtime, jsx-dev-runtime, server, …).
  /^react(-dom)?(\/|$)/,
  '@tanstack/react-query',
  '@tanstack/react-virtual',
  'react-diff-viewer-continued',
  // refractor/core and each grammar (refractor/typescript, …): shared with the diff renderer.
  /^refractor(\/|$)/,
  // Dependencies are installed beside the package: imported, never also inlined into dist/.
  'react-dropzone',
  'react-markdown',
  'remark-gfm',
  'github-slugger',
  'node-diff3',
  /^lucide-react(\/|$)/,
  'selfsigned',
];

/**
 * One entry per component family (`git-storage-kit/components/file-browser`, …), as
 * package.json's `exports` publish them: the one list of families.
 */
export const COMPONENT_FAMILIES = Object.keys(
  (JSON.parse(readFileSync('package.json', 'utf8')) as { exports: Record<string, unknown> })
    .exports,
)
  .map((subpath) => /^\.\/components\/(.+)$/.exec(subpath)?.[1])
  .filter((family): family is string => family !== undefined);

/** Entries that run React hooks: a Next.js App Router page may import them from a server file. */
const CLIENT_ENTRIES = new Set([
  'react/index',
  'components/index',
  ...COMPONENT_FAMILIES.map((family) => `components/${family}/index`),
]);

/** The stylesheet ships as written, at a fixed name: `git-storage-kit/styles.css`. */
const stylesheet: Plugin = {
  name: 'git-storage-kit-stylesheet',
  generateBundle() {
    this.emitFile({
      type: 'asset',
      fileName: 'styles.css',
      source: readFileSync('src/components/styles.css', 'utf8'),
    });
  },
};

export default defineConfig({
  plugins: [stylesheet],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    lib: {
      entry: {
        'core/index': 'src/core/index.ts',
        'core/browser': 'src/core/browser.ts',
        'core/review/index': 'src/core/review/index.ts',
        'react/index': 'src/react/index.ts',
        'components/index': 'src/components/index.ts',
        ...Object.fromEntries(
          COMPONENT_FAMILIES.map((family) => [
            `components/${family}/index`,
            `src/components/${family}/index.ts`,
          ]),
        ),
        'server/index': 'src/server/index.ts',
        'local-server/index': 'src/local-server/index.ts',
        'local-server/cli': 'src/local-server/cli.ts',
      },
      formats: ['es'],
    },
    rollupOptions: {
      external,
      output: {
        // One file per source module: a bundler keeps only the modules an app imports (one
        // chunk per entry made importing FileTree pull in the diff renderer and everything else).
        preserveModules: true,
        preserveModulesRoot: 'src',
        entryFileNames: '[name].js',
        banner: (chunk) => (chunk.isEntry && CLIENT_ENTRIES.has(chunk.name) ? "'use client';" : ''),
      },
    },
  },
});
