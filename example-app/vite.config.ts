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
