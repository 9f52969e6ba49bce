// The tab's message catalogues (tab/src/i18n/messages/<language>/<namespace>.json, ICU MessageFormat) read,
// checked and compiled with @messageformat/core: at build time into small ES modules (the Vite plugin in
// tab/vite.config.mts), in Node into the same functions for tests (test/support/i18n.ts), and into the
// TypeScript interface every component sees (scripts/i18n/types.ts). The format is described in
// docs/i18n-format.md.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import MessageFormat from '@messageformat/core';
import Compiler from '@messageformat/core/lib/compiler';
import { parse, type Token } from '@messageformat/parser';

export const MESSAGES_DIR = path.resolve(__dirname, '../../tab/src/i18n/messages');

/** A catalogue entry: an ICU message, a list of messages (kept in order), or a section of entries. */
export type Entry = string | readonly string[] | { readonly [key: string]: Entry };
export type Section = { readonly [key: string]: Entry };

export function readCatalogue(language: string, namespace: string): Section {
  return JSON.parse(readFileSync(path.join(MESSAGES_DIR, language, `${namespace}.json`), 'utf8')) as Section;
}

/** The languages with a folder of catalogues, English first. */
export function languagesOnDisk(): string[] {
  const all = readdirSync(MESSAGES_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  return ['en', ...all.filter((l) => l !== 'en').sort()];
}

export function namespacesOnDisk(): string[] {
  return readdirSync(path.join(MESSAGES_DIR, 'en')).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();
}

/** Every message of a catalogue with its dotted path (list items as path.0, path.1 …). */
export function leaves(entry: Entry, at = ''): { path: string; message: string }[] {
  if (typeof entry === 'string') return [{ path: at, message: entry }];
  const pairs = Array.isArray(entry) ? entry.map((v, i) => [String(i), v] as const) : Object.entries(entry as Section);
  return pairs.flatMap(([k, v]) => leaves(v, at ? `${at}.${k}` : k));
}

export type ArgumentKind = 'plural' | 'select' | 'number' | 'text';

/** One ICU argument of a message, and for a select the cases it offers. */
export interface Argument {
  name: string;
  kind: ArgumentKind;
  cases?: string[];
}

/** Parses a message (throws on a syntax error); ICU's optional-apostrophe quoting, as messageformat uses. */
export function parseMessage(message: string): Token[] {
  return parse(message, { strict: false });
}

/** A message's arguments, in the order they first appear: the order a component passes them in. */
export function argumentsOf(message: string): Argument[] {
  const found = new Map<string, Argument>();
  const walk = (tokens: Token[]) => {
    for (const t of tokens) {
      if (t.type === 'argument') {
        if (!found.has(t.arg)) found.set(t.arg, { name: t.arg, kind: 'text' });
      } else if (t.type === 'function') {
        if (!found.has(t.arg)) found.set(t.arg, { name: t.arg, kind: t.key === 'number' ? 'number' : 'text' });
      } else if (t.type === 'plural' || t.type === 'selectordinal' || t.type === 'select') {
        const kind: ArgumentKind = t.type === 'select' ? 'select' : 'plural';
        const known = found.get(t.arg);
        const cases = t.cases.map((c) => c.key);
        if (!known || known.kind === 'text') found.set(t.arg, { name: t.arg, kind, ...(kind === 'select' ? { cases } : {}) });
        for (const c of t.cases) walk(c.tokens);
      }
    }
  };
  walk(parseMessage(message));
  return [...found.values()];
}

/** Plural categories each language uses (Intl.PluralRules), for checking a translation's plural cases. */
export function pluralCategories(language: string): string[] {
  return new Intl.PluralRules(language).resolvedOptions().pluralCategories;
}

/** Every plural/select in a message with the cases it has, for the shape check. */
export function choicesOf(message: string): { arg: string; type: string; cases: string[] }[] {
  const out: { arg: string; type: string; cases: string[] }[] = [];
  const walk = (tokens: Token[]) => {
    for (const t of tokens) {
      if (t.type === 'plural' || t.type === 'selectordinal' || t.type === 'select') {
        out.push({ arg: t.arg, type: t.type, cases: t.cases.map((c) => c.key) });
        for (const c of t.cases) walk(c.tokens);
      }
    }
  };
  walk(parseMessage(message));
  return out;
}

/** English's argument order for every message of a namespace, by dotted path. */
export function argumentOrder(namespace: string): Map<string, string[]> {
  return new Map(leaves(readCatalogue('en', namespace)).map((l) => [l.path, argumentsOf(l.message).map((a) => a.name)]));
}

/**
 * The shape components see: a message without arguments is its text; one with arguments is a function
 * taking them in English's order (`strings.pairs.open(partner)`); a list stays a list.
 */
function shape<T>(entry: Entry, at: string, order: Map<string, string[]>, leaf: (message: string, args: string[]) => T): unknown {
  if (typeof entry === 'string') return leaf(entry, order.get(at) ?? []);
  if (Array.isArray(entry)) return entry.map((m, i) => shape(m as Entry, `${at}.${i}`, order, leaf));
  return Object.fromEntries(Object.entries(entry as Section).map(([k, v]) => [k, shape(v, at ? `${at}.${k}` : k, order, leaf)]));
}

/** A catalogue compiled into an ES module (the Vite plugin): plain texts as literals, the rest as small functions. */
export function compileModule(language: string, namespace: string, catalogue: Section = readCatalogue(language, namespace)): string {
  const mf = new MessageFormat(language);
  const compiler = new Compiler(mf.options);
  const plural = mf.plurals[0]!;
  const shaped = shape(catalogue, '', argumentOrder(namespace), (message, args) => {
    const fn = compiler.compile(message, plural, {}) as string;
    const plain = /^\(\) => ("(?:[^"\\]|\\.)*")$/s.exec(fn);
    if (plain && args.length === 0) return { code: plain[1]! };
    const params = args.map((_, i) => `a${i}`).join(', ');
    const record = args.map((name, i) => `${JSON.stringify(name)}: a${i}`).join(', ');
    return { code: `(${params}) => (${fn})({ ${record} })` };
  });
  const stringify = (value: unknown): string => {
    if (Array.isArray(value)) return `[${value.map(stringify).join(', ')}]`;
    const v = value as { code?: string } & Record<string, unknown>;
    if (typeof v.code === 'string') return v.code;
    return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${stringify(x)}`).join(',\n')}}`;
  };
  const imports = new Map<string, string[]>();
  for (const [name, fn] of Object.entries(compiler.runtime as Record<string, { module?: string; id?: string }>)) {
    if (!fn.module) throw new Error(`Unexpected inline runtime ${name}`);
    const alias = fn.id && fn.id !== name ? `${fn.id} as ${name}` : name;
    imports.set(fn.module, [...(imports.get(fn.module) ?? []), alias]);
  }
  const head = [...imports].map(([module, names]) => `import { ${names.sort().join(', ')} } from ${JSON.stringify(module)};`).join('\n');
  return `${head}\nexport default ${stringify(shaped)};\n`;
}

/** The same catalogue compiled in Node into the shape components see (tests). */
export function compileCatalogue(language: string, namespace: string, catalogue: Section = readCatalogue(language, namespace)): unknown {
  const mf = new MessageFormat(language);
  return shape(catalogue, '', argumentOrder(namespace), (message, args) => {
    const fn = mf.compile(message);
    if (args.length === 0) return fn({});
    return (...values: unknown[]) => fn(Object.fromEntries(args.map((name, i) => [name, values[i]])));
  });
}
