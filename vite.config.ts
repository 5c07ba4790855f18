import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

// Library build: one ES module per public entry, dependencies and Node built-ins left as imports.
// Type declarations come from `tsc -p tsconfig.build.json` (see the build script).
const external = [
  /^node:/,
  ...builtinModules,
  'jose',
  'react',
  'react-dom',
  'react/jsx-runtime',
  '@tanstack/react-query',
];

export default defineConfig({
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
        'react/index': 'src/react/index.ts',
        'server/index': 'src/server/index.ts',
        'local-server/index': 'src/local-server/index.ts',
        'local-server/cli': 'src/local-server/cli.ts',
      },
      formats: ['es'],
    },
    rollupOptions: { external },
  },
});
