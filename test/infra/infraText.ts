// Reading the infrastructure files as text: no Bicep compiler is available offline, so the tests
// parse the subset of Bicep these templates use (top-level params, outputs, modules, resources and
// object literals) and fail loudly on anything they cannot read.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

export const read = (relative: string) => readFileSync(path.join(ROOT, relative), 'utf8');
export const exists = (relative: string) => existsSync(path.join(ROOT, relative));

/** infra/azure.bicep and every infra/modules/*.bicep, as repository-relative paths. */
export function bicepFiles(): string[] {
  const modules = readdirSync(path.join(ROOT, 'infra/modules'))
    .filter((f) => f.endsWith('.bicep'))
    .map((f) => `infra/modules/${f}`);
  return ['infra/azure.bicep', ...modules];
}

/** Removes // and /* *\/ comments outside single-quoted Bicep strings ('' and \' escapes kept). */
export function stripComments(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") {
      const end = stringEnd(text, i);
      out += text.slice(i, end + 1);
      i = end;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) throw new Error('unterminated block comment');
      i = end + 1;
    } else out += c;
  }
  return out;
}

/** Index of the quote that closes the Bicep string opening at `start`. */
function stringEnd(text: string, start: number): number {
  if (text.startsWith("'''", start)) {
    const end = text.indexOf("'''", start + 3);
    if (end < 0) throw new Error('unterminated multi-line string');
    return end + 2;
  }
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === "'") return i;
  }
  throw new Error(`unterminated string at ${start}`);
}

/** The text between the bracket at `open` ({, [ or () and its match, strings respected. */
export function enclosed(text: string, open: number): string {
  const pairs: Record<string, string> = { '{': '}', '[': ']', '(': ')' };
  const first = text[open];
  if (!first || !pairs[first]) throw new Error(`no bracket at ${open}: ${text.slice(open, open + 20)}`);
  const stack: string[] = [];
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'") i = stringEnd(text, i);
    else if (pairs[c]) stack.push(pairs[c]!);
    else if (c === '}' || c === ']' || c === ')') {
      if (stack.pop() !== c) throw new Error(`unbalanced ${c} at ${i}`);
      if (stack.length === 0) return text.slice(open + 1, i);
    }
  }
  throw new Error(`unclosed ${first} at ${open}`);
}

/** Keys of an object literal body at its own depth, with the raw text of single-line values. */
export function objectEntries(body: string): Array<{ key: string; value: string }> {
  const entries: Array<{ key: string; value: string }> = [];
  let depth = 0;
  let lineStart = true;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (lineStart && depth === 0) {
      const m = /^[ \t]*([A-Za-z_][A-Za-z0-9_]*|'[^'\n]*')[ \t]*:[ \t]*([^\n]*)/.exec(body.slice(i));
      if (m) entries.push({ key: m[1]!.replace(/^'|'$/g, ''), value: m[2]!.trim() });
    }
    lineStart = c === '\n';
    if (c === "'") i = stringEnd(body, i);
    else if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') depth--;
  }
  return entries;
}

export interface BicepParam {
  name: string;
  type: string;
  defaultValue?: string;
  decorators: string[];
}

/** Top-level `param` statements with the decorators written above them. */
export function bicepParams(source: string): BicepParam[] {
  const lines = stripComments(source).split('\n');
  const params: BicepParam[] = [];
  let decorators: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('@')) {
      // A decorator may span lines (@allowed([ ... ])): read on until its brackets balance.
      let text = line;
      while (bracketDepth(text) > 0 && i + 1 < lines.length) text += `\n${lines[++i]}`;
      decorators.push(text);
      continue;
    }
    const m = /^param\s+(\w+)\s+(\w+)(?:\s*=\s*(.+))?$/.exec(line.trim());
    if (m && !line.startsWith(' ')) {
      params.push({ name: m[1]!, type: m[2]!, ...(m[3] ? { defaultValue: m[3].trim() } : {}), decorators });
      decorators = [];
    } else if (line.trim() !== '') decorators = [];
  }
  return params;
}

function bracketDepth(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") {
      // Skip the string (\' escapes included); an unterminated one continues on the next line.
      let j = i + 1;
      while (j < text.length && text[j] !== "'") j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) return depth + 1;
      i = j;
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
  }
  return depth;
}

/** Top-level output names. */
export const bicepOutputs = (source: string) =>
  [...stripComments(source).matchAll(/^output\s+(\w+)\s+\w+\s*=/gm)].map((m) => m[1]!);

export interface BicepModule {
  symbol: string;
  path: string;
  params: Array<{ key: string; value: string }>;
}

/** `module x './modules/y.bicep' = { params: { ... } }` statements. */
export function bicepModules(source: string): BicepModule[] {
  const text = stripComments(source);
  return [...text.matchAll(/^module\s+(\w+)\s+'([^']+)'\s*=\s*(?:if\s*\([^)]*\)\s*)?\{/gm)].map((m) => {
    const body = enclosed(text, m.index! + m[0].length - 1);
    const params = /^\s*params:\s*\{/m.exec(body);
    return {
      symbol: m[1]!,
      path: m[2]!,
      params: params ? objectEntries(enclosed(body, params.index + params[0].length - 1)) : [],
    };
  });
}

export interface BicepResource {
  symbol: string;
  type: string;
  apiVersion: string;
  /** The `if (…)` condition of a conditional resource, without the parentheses. */
  condition?: string;
  body: string;
}

/** `resource x 'Type@version' = { ... }` (and `= if (cond) { ... }`, `= [for ...: { ... }]`) statements. */
export function bicepResources(source: string): BicepResource[] {
  const text = stripComments(source);
  return [
    ...text.matchAll(/^resource\s+(\w+)\s+'([^'@]+)@([^']+)'\s*=\s*(?:if\s*\(([^)]*)\)\s*)?(?:\[for [^:]+:\s*)?\{/gm),
  ].map((m) => ({
    symbol: m[1]!,
    type: m[2]!,
    apiVersion: m[3]!,
    ...(m[4] !== undefined ? { condition: m[4].trim() } : {}),
    body: enclosed(text, m.index! + m[0].length - 1),
  }));
}

/** Every `resource` statement, counted by a plain line match: the parser above must see each of them. */
export const resourceStatementCount = (source: string) => (stripComments(source).match(/^resource\s/gm) ?? []).length;

/** The body of `key: { ... }` (or `key: [ ... ]`) inside `body`, at any depth; throws when absent. */
export function block(body: string, key: string): string {
  const m = new RegExp(`(?:^|\\s)${key}:\\s*([{[])`, 'm').exec(body);
  if (!m) throw new Error(`no ${key} block`);
  return enclosed(body, m.index + m[0].length - 1);
}

/** `${{NAME}}` placeholders in a text. */
export const placeholders = (text: string) => [
  ...new Set([...text.matchAll(/\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)].map((m) => m[1]!)),
];

/**
 * Whether a path is left out by an ignore file. Supports the subset these files use (and fails on
 * anything else): comments, `*` and `**`, a leading `/` and a trailing `/`. `gitignore` semantics
 * (the Agents Toolkit's zip deploy uses the `ignore` package): a pattern without an inner slash
 * matches at any depth. `dockerignore` semantics: every pattern is anchored at the context root.
 */
export function ignoredBy(file: string, style: 'gitignore' | 'dockerignore'): (target: string) => boolean {
  const patterns = file
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((line) => {
      if (/[!?[\]\\]/.test(line)) throw new Error(`unsupported ignore syntax: ${line}`);
      const dirOnly = line.endsWith('/');
      let glob = line.replace(/\/$/, '');
      const anchored = style === 'dockerignore' || glob.startsWith('/') || glob.includes('/');
      glob = glob.replace(/^\//, '');
      const source = glob
        .split('/')
        .map((part) => (part === '**' ? '\u0000' : part.replace(/[.+^${}()|]/g, '\\$&').replace(/\*/g, '[^/]*')))
        .join('/')
        .replaceAll('\u0000/', '(?:.*/)?')
        .replaceAll('/\u0000', '(?:/.*)?')
        .replaceAll('\u0000', '.*');
      return { dirOnly, regex: new RegExp(`^${anchored ? '' : '(?:.*/)?'}${source}$`) };
    });
  return (target) => {
    const parts = target.split('/');
    return patterns.some(({ dirOnly, regex }) =>
      parts.some((_, i) => {
        const isFile = i === parts.length - 1;
        return !(dirOnly && isFile) && regex.test(parts.slice(0, i + 1).join('/'));
      }),
    );
  };
}

/**
 * The environment variables bot/src/config.ts validates: the keys of its `envSchema` object, read from the
 * file (the schema is not exported). Checked against variables it is known to read, so a change of layout
 * fails here instead of silently yielding nothing.
 */
export function configVariables(): Set<string> {
  const source = read('bot/src/config.ts');
  const start = source.indexOf('const envSchema');
  const open = source.indexOf('.object({', start);
  // The object closes at the indentation of the line it opens on (however the file is laid out).
  const indent = /^ */.exec(source.slice(source.lastIndexOf('\n', open) + 1))![0];
  const end = source.indexOf(`\n${indent}})`, open);
  if (start < 0 || open < start || end < open) throw new Error('bot/src/config.ts: no envSchema object found');
  const keys = new Set([...source.slice(open, end).matchAll(/^\s+([A-Z][A-Z0-9_]*)\s*:/gm)].map((m) => m[1]!));
  for (const known of [
    'NODE_ENV',
    'PORT',
    'PUBLIC_URL',
    'COSMOS_ENDPOINT',
    'ENTRA_CLIENT_ID',
    'BOT_APP_ID',
    'JOBS_SECRET',
    'SEED_DEMO_DATA',
  ]) {
    if (!keys.has(known))
      throw new Error(`bot/src/config.ts: envSchema without ${known}; the parser no longer reads it`);
  }
  return keys;
}

/** App settings of the web app: the `properties` of the sites/config 'appsettings' resource in appService.bicep. */
export function appSettings(): Array<{ key: string; value: string }> {
  const config = bicepResources(read('infra/modules/appService.bicep')).filter(
    (r) => r.type === 'Microsoft.Web/sites/config' && /name:\s*'appsettings'/.test(r.body),
  );
  if (config.length !== 1) throw new Error(`expected one appsettings resource, found ${config.length}`);
  return objectEntries(block(config[0]!.body, 'properties'));
}

export interface DockerInstruction {
  op: string;
  args: string;
}

/** The Dockerfile's instructions (continuation lines joined, comments dropped) and those of its final stage. */
export function dockerfileInstructions(): { instructions: DockerInstruction[]; finalStage: DockerInstruction[] } {
  const instructions = read('Dockerfile')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => ({ op: l.split(/\s+/)[0]!.toUpperCase(), args: l.slice(l.indexOf(' ') + 1).trim() }));
  return { instructions, finalStage: instructions.slice(instructions.map((i) => i.op).lastIndexOf('FROM')) };
}
