// Gzip sizes of the built tab: the initial JavaScript of the page (entry plus everything it imports
// statically) and each lazy chunk. Used by `npm run bench` and the size test.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleSizes {
  initialGzip: number;
  initialFiles: string[];
  lazy: { file: string; gzip: number }[];
  /** Each lazily loaded page (a dynamic entry under src/pages/): what it adds to the initial JS. */
  pages: { src: string; files: string[]; gzip: number }[];
}

/** The part of Vite's build manifest we read: per source module, its chunk and static imports. */
type ViteManifest = Record<string, { file: string; src?: string; isDynamicEntry?: boolean; imports?: string[] }>;

const gzip = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

export function measureBundle(distDir: string): BundleSizes {
  const html = readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const entry = /<script type="module"[^>]*src="\/tab\/([^"]+)"/.exec(html)?.[1];
  if (!entry) throw new Error('no module entry in index.html');
  const initial = new Set<string>();
  const visit = (rel: string) => {
    if (initial.has(rel)) return;
    initial.add(rel);
    const code = readFileSync(path.join(distDir, rel), 'utf8');
    // Static imports only: `import … from "./x.js"` and bare `import "./x.js"`; import() stays lazy.
    for (const m of code.matchAll(/(?:^|[;\s}])import\s*(?:[\w$*{},\s]+from\s*)?["'](\.\/[^"']+)["']/g))
      visit(path.posix.join(path.posix.dirname(rel), m[1]!));
  };
  visit(entry);
  const assets = readdirSync(path.join(distDir, 'assets')).filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`);
  return {
    pages: measurePages(distDir, initial),
    initialGzip: [...initial].reduce((sum, f) => sum + gzip(path.join(distDir, f)), 0),
    initialFiles: [...initial],
    lazy: assets.filter((f) => !initial.has(f)).map((file) => ({ file, gzip: gzip(path.join(distDir, file)) })),
  };
}

function measurePages(distDir: string, initial: ReadonlySet<string>): BundleSizes['pages'] {
  const manifestFile = path.join(distDir, '.vite', 'manifest.json');
  if (!existsSync(manifestFile)) return [];
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as ViteManifest;
  return Object.entries(manifest)
    .filter(([key, chunk]) => chunk.isDynamicEntry && /(^|\/)pages\//.test(chunk.src ?? key))
    .map(([key, chunk]) => {
      const files = new Set<string>();
      const visit = (k: string) => {
        const c = manifest[k];
        if (!c || initial.has(c.file) || files.has(c.file)) return;
        files.add(c.file);
        for (const i of c.imports ?? []) visit(i);
      };
      visit(key);
      return { src: chunk.src ?? key, files: [...files], gzip: [...files].reduce((sum, f) => sum + gzip(path.join(distDir, f)), 0) };
    })
    .sort((a, b) => a.src.localeCompare(b.src));
}

if (require.main === module) {
  const dist = path.resolve(__dirname, '../tab/dist');
  if (!existsSync(dist)) throw new Error('Build the tab first: npm run build:tab');
  const sizes = measureBundle(dist);
  console.log(`Initial JS (gzip -9): ${(sizes.initialGzip / 1024).toFixed(1)} KB in ${sizes.initialFiles.join(', ')}`);
  for (const l of sizes.lazy) console.log(`  lazy ${l.file}: ${(l.gzip / 1024).toFixed(1)} KB`);
  for (const p of sizes.pages) console.log(`Page ${p.src} adds ${(p.gzip / 1024).toFixed(1)} KB in ${p.files.length} files`);
}
