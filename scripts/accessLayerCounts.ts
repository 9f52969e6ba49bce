// Prints the figures issue #15 tracks for the server: casts to document types, type checks on store
// results, ETag fallbacks, HTTP statuses checked outside the API, create-once copies, longest functions.
// Run: npx tsx scripts/accessLayerCounts.ts [folder] (default bot/src).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseSync } from '@swc/core';

const root = process.argv[2] ?? 'bot/src';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const all = files(root).map((path) => ({ path: relative(root, path), text: readFileSync(path, 'utf8') }));
const lines = (where: (path: string) => boolean, pattern: RegExp) =>
  all
    .filter((f) => where(f.path))
    .flatMap((f) =>
      f.text
        .split('\n')
        .map((line, i) => ({ at: `${f.path}:${i + 1}`, line }))
        .filter((l) => pattern.test(l.line)),
    );

const outsideStore = (p: string) => !p.startsWith('store/');
// Graph and Bot Connector clients read the HTTP answers of Microsoft's services; they are not counted.
const httpClients = /^(graph|calendar|directory|activityFeed)\/|proactiveSender|proactiveInstall|graphInstall/;
const counts = {
  'as …Doc casts outside store/': lines(outsideStore, /\bas (Promise<)?[A-Z]\w*Doc\b(?!\[')/),
  "type !== '…' checks on documents outside store/": lines(outsideStore, /\w\??\.type !== '/).filter(
    (l) => !/activity\.type/.test(l.line),
  ),
  '_etag ?? outside store/': lines(outsideStore, /_etag \?\?/),
  'HTTP statuses checked outside api/': lines(
    (p) => !p.startsWith('api/') && !httpClients.test(p) && p !== 'store/collection.ts',
    /(status|statusCode)\s*[!=]==\s*[1-5]\d\d\b/,
  ).filter((l) => !/\b(response|answer|res)\.status/.test(l.line)),
  'create-once blocks written out (createOnce( calls, catch of 409 then find)': lines(
    (p) => p !== 'commands/ids.ts',
    /\bcreateOnce\(/,
  ),
};
for (const [name, found] of Object.entries(counts)) {
  console.log(`${String(found.length).padStart(4)}  ${name}`);
  if (process.env.VERBOSE) for (const f of found) console.log(`        ${f.at}  ${f.line.trim().slice(0, 110)}`);
}

const functions: { name: string; at: string; lines: number }[] = [];
const FUNCTION_KINDS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ClassMethod']);
for (const f of all) {
  // swc's spans are byte offsets in one source map shared by every parse: a leading `0;` marks where this file starts.
  const bytes = Buffer.from(`0;\n${f.text}`);
  const module = parseSync(bytes.toString(), { syntax: 'typescript', tsx: f.path.endsWith('.tsx') });
  const base = (module.body[0] as unknown as { span: { start: number } }).span.start;
  const lineAt = (offset: number) =>
    bytes
      .subarray(0, offset - base)
      .toString()
      .split('\n').length - 1;
  const visit = (node: unknown, name: string) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((n) => visit(n, name));
    const n = node as {
      type?: string;
      span?: { start: number; end: number };
      identifier?: { value: string };
      key?: { value?: string };
      id?: { value?: string };
    };
    const own = n.identifier?.value ?? n.key?.value ?? n.id?.value ?? name;
    if (n.type && FUNCTION_KINDS.has(n.type) && n.span) {
      const start = lineAt(n.span.start);
      functions.push({ name: own, at: `${f.path}:${start}`, lines: lineAt(n.span.end) - start + 1 });
    }
    for (const value of Object.values(n)) if (value && typeof value === 'object') visit(value, own);
  };
  visit(module.body, '(anonymous)');
}
console.log('Longest functions (lines):');
for (const fn of functions.sort((a, b) => b.lines - a.lines).slice(0, Number(process.env.TOP ?? 8)))
  console.log(`${String(fn.lines).padStart(6)}  ${fn.name}  ${fn.at}`);
// FUNCTIONS=a,b,c: the length of these functions too (the ones issue #15 names).
for (const name of (process.env.FUNCTIONS ?? 'suggestMatches,matchingProblem,processOne,participantImporter,createApp')
  .split(',')
  .filter(Boolean)) {
  // Nested arrow functions carry their parent's name: the longest is the function itself.
  const [fn] = functions.filter((f) => f.name === name).sort((a, b) => b.lines - a.lines);
  console.log(`${name}: ${fn ? `${fn.lines} lines (${fn.at})` : 'not found'}`);
}
