// Builds the tab into tab/dist, served by the server under /tab/. One HTML entry, the shell; every
// surface (personal tab, meeting, admin) and every Teams theme is a lazy chunk, so a page loads only what
// it shows. Chunks shared by some surfaces are left as the bundler splits them: one `common` chunk for
// everything shared would put the admin view's components in the side panel's first load (measured on the
// wire by `npm run sizes`; budgets in test/scripts/bundleSize.test.ts).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import { catalogueHash, compileModule, emittedFiles } from '../scripts/i18n/catalogue';

/**
 * Writes a brotli (.br, quality 11) and a gzip (.gz, level 9) copy beside every page, script and
 * stylesheet, once per build; the server sends whichever the browser accepts (bot/src/api/precompressed.ts)
 * and never compresses per request. Source maps are left alone: browsers fetch them only with devtools open.
 */
function precompress(): Plugin {
  const brotli = promisify(brotliCompress);
  const gz = promisify(gzip);
  return {
    name: 'precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const outDir = options.dir!;
      await Promise.all(
        Object.values(bundle)
          .filter((item) => /\.(js|css|html|svg)$/.test(item.fileName))
          .map(async (item) => {
            const source = item.type === 'chunk' ? Buffer.from(item.code) : Buffer.from(item.source);
            const file = path.join(outDir, item.fileName);
            const [br, gzipped] = await Promise.all([
              brotli(source, {
                params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: source.length },
              }),
              gz(source, { level: 9 }),
            ]);
            // A copy no smaller than the file is not worth a Content-Encoding.
            if (br.length < source.length) await writeFile(`${file}.br`, br);
            if (gzipped.length < source.length) await writeFile(`${file}.gz`, gzipped);
          }),
      );
    },
  };
}

/**
 * The message catalogues (src/i18n/messages/<language>/<namespace>.json, ICU MessageFormat) compiled by
 * @messageformat/core into self-contained ES modules (texts as literals, messages with arguments as small
 * functions over Intl), at assets/i18n-<hash of them all>/<language>/<file>.js: a surface's file with the shell's
 * texts, a panel's namespace on its own (scripts/i18n/catalogue.ts, CATALOGUE_FILES).
 * The page imports them by that address (src/i18n/load.ts): no table of files travels in the shell, and no
 * page fetches another language's or another surface's texts.
 */
function catalogues(): Plugin {
  const PREFIX = '\0catalogue:';
  const dir = `assets/i18n-${catalogueHash()}`;
  const files = emittedFiles();
  return {
    name: 'catalogues',
    config: () => ({
      define: {
        __CATALOGUE_DIR__: JSON.stringify(dir),
      },
    }),
    buildStart() {
      for (const { language, file } of files) {
        this.emitFile({
          type: 'chunk',
          id: `${PREFIX}${language}/${file}`,
          fileName: `${dir}/${language}/${file}.js`,
          preserveSignature: 'strict',
        });
      }
    },
    resolveId: (id) => (id.startsWith(PREFIX) ? id : null),
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const [language, file] = id.slice(PREFIX.length).split('/');
      return { code: compileModule(language!, file!), moduleType: 'js' };
    },
    // `vite` (development): the same modules, compiled on request.
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const match = /\/assets\/i18n-[^/]+\/([^/]+)\/([^/]+)\.js$/.exec(req.url ?? '');
        if (!match) return next();
        res.setHeader('Content-Type', 'text/javascript');
        res.end(compileModule(match[1]!, match[2]!));
      });
    },
  };
}

const THEME_BASE =
  /node_modules\/@fluentui\/tokens\/lib\/(global\/(colors|colorPalette|brandColors|borderRadius|curves|durations|fonts|spacings|strokeWidths)|utils\/shadows|alias\/teamsFontFamilies)\.js$/;

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/tab/',
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [catalogues(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Maps are written for debugging and error reports, without the comment that names them in every script users receive.
    sourcemap: 'hidden',
    reportCompressedSize: false,
    // The admin page's chunk (charts) is over Vite's 500 kB raw warning; what travels is held by tests.
    chunkSizeWarningLimit: 800,
    rollupOptions: {
      output: {
        codeSplitting: {
          groups: [
            // What the three Teams themes share, one chunk loaded beside the theme Teams asks for (tab/src/theme.ts).
            { name: 'theme-base', test: THEME_BASE },
          ],
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
