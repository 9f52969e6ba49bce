// Builds the tab into tab/dist, served by the server under /tab/. One HTML entry; the admin and
// meeting surfaces are lazy chunks so the personal tab loads only what it shows.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Modules the personal tab shares with lazy pages go into one `common` chunk (left alone, the bundler
// makes a small chunk per combination of pages sharing a module, and many small files compress worse
// than one: 3 KB more for the personal tab). Fluent packages only lazy pages use stay out of it, or a
// package shared by two lazy pages would ride in the personal tab's first load; the bundle-size test
// (test/scripts/bundleSize.test.ts) fails if a package missing from this list does that.
const LAZY_ONLY = /node_modules\/(@fluentui\/(react-(textarea|table|dialog|tabs|combobox|charts|switch|checkbox|input|select|radio|slider|popover|tooltip|positioning|portal|menu|tag-picker|tags|listbox|persona|avatar|drawer|overflow|toolbar|accordion|progress|skeleton|spin-button|infolabel|image|search|swatch|rating|virtualizer|list|teaching-popover|nav|carousel|color-picker|breadcrumb|tree)|chart-utilities)|d3-[a-z-]+)\//;

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
    // The admin page's chunk (charts) is over Vite's 500 kB raw warning; gzip budgets are held by tests.
    chunkSizeWarningLimit: 800,
    rollupOptions: {
      output: {
        codeSplitting: {
          groups: [{ name: 'common', minShareCount: 2, test: (id: string) => !LAZY_ONLY.test(id) }],
        },
      },
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
