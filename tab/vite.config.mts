// Builds the tab into tab/dist, served by the server under /tab/. One HTML entry; the admin and
// meeting surfaces are lazy chunks so the personal tab loads only what it shows.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/tab/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // .vite/manifest.json: which chunks each lazy surface loads (read by scripts/bundleSizes.ts).
    manifest: true,
    reportCompressedSize: false,
    rollupOptions: {
      // Fluent marks modules 'use client' for React Server Components; a plain SPA build ignores it.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3978' },
  },
});
