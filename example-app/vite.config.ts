/**
 * The example app's Vite config. `git-storage-kit/*` resolve to this repository's sources, so the
 * app runs without a build; in your own app they come from node_modules and none of this is needed.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const src = (path: string) => fileURLToPath(new URL(`../src/${path}`, import.meta.url));

/** Vite puts this on its <script>/<style> tags; the server swaps in a new nonce per page. */
export const CSP_NONCE_PLACEHOLDER = 'GSK-CSP-NONCE';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  html: { cspNonce: CSP_NONCE_PLACEHOLDER },
  // Bundled once at start, so the first page load does not find them late and reload itself.
  optimizeDeps: {
    include: [
      'react',
      'react/jsx-runtime',
      'react-dom/client',
      '@tanstack/react-query',
      '@tanstack/react-virtual',
      'react-diff-viewer-continued',
      'react-dropzone',
      'node-diff3',
      // Imported lazily (Markdown, icons, the highlighter and its grammars): found late, they
      // made Vite re-bundle and reload the page in the middle of a session.
      'react-markdown',
      'remark-gfm',
      'github-slugger',
      'lucide-react',
      'refractor/core',
      'refractor/typescript',
      'refractor/javascript',
      'refractor/json',
      'refractor/css',
      'refractor/scss',
      'refractor/less',
      'refractor/markup',
      'refractor/markdown',
      'refractor/python',
      'refractor/ruby',
      'refractor/go',
      'refractor/rust',
      'refractor/java',
      'refractor/kotlin',
      'refractor/c',
      'refractor/cpp',
      'refractor/csharp',
      'refractor/php',
      'refractor/bash',
      'refractor/yaml',
      'refractor/sql',
      'refractor/swift',
      'refractor/lua',
      'refractor/makefile',
      'refractor/core',
    ],
  },
  resolve: {
    alias: [
      { find: /^git-storage-kit$/, replacement: src('core/browser.ts') },
      { find: /^git-storage-kit\/react$/, replacement: src('react/index.ts') },
      { find: /^git-storage-kit\/components$/, replacement: src('components/index.ts') },
      { find: /^git-storage-kit\/styles\.css$/, replacement: src('components/styles.css') },
    ],
  },
});
