// The tab's message catalogues (tab/src/i18n/messages/<language>/<namespace>.json, ICU MessageFormat) read,
// checked and compiled with @messageformat/core: at build time into small ES modules (the Vite plugin in
// tab/vite.config.mts), in Node into the same functions for tests (test/support/i18n.ts), and into the
// TypeScript interface every component sees (scripts/i18n/types.ts). The format is described in
// docs/i18n-format.md.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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

/** A language's catalogue, or English's where the language has no such file yet. */
export function readCatalogueOrEnglish(language: string, namespace: string): Section {
  return existsSync(path.join(MESSAGES_DIR, language, `${namespace}.json`))
    ? readCatalogue(language, namespace)
    : readCatalogue('en', namespace);
}

/** The languages with a folder of catalogues, English first. */
/** Every catalogue file the build emits: each language's namespaces (English's for a file a language lacks yet). */
export function catalogueFiles(): { language: string; namespace: string }[] {
  return languagesOnDisk().flatMap((language) => namespacesOnDisk().map((namespace) => ({ language, namespace })));
}

/** Every module the build writes: each language's catalogue files. */
export function emittedFiles(): { language: string; file: string }[] {
  return languagesOnDisk().flatMap((language) => Object.keys(CATALOGUE_FILES).map((file) => ({ language, file })));
}

/** A hash of every catalogue and of this compiler: the folder the build puts them in, so a change is a new URL. */
export function catalogueHash(): string {
  const hash = createHash('sha256').update(readFileSync(__filename));
  for (const { language, namespace } of catalogueFiles()) {
    const file = path.join(MESSAGES_DIR, language, `${namespace}.json`);
    hash.update(`${language}/${namespace}\n`).update(existsSync(file) ? readFileSync(file) : 'en');
  }
  return hash.digest('base64url').slice(0, 10);
}

export function languagesOnDisk(): string[] {
  const all = readdirSync(MESSAGES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  return ['en', ...all.filter((l) => l !== 'en').sort()];
}

/** A language's namespaces (English's: every namespace there is). */
export function namespacesOnDisk(language = 'en'): string[] {
  return readdirSync(path.join(MESSAGES_DIR, language))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''))
    .sort();
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
        if (!known || known.kind === 'text')
          found.set(t.arg, { name: t.arg, kind, ...(kind === 'select' ? { cases } : {}) });
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

/** The few messages whose callers pass arguments in another order than English shows them. */
const ORDER_EXCEPTIONS = JSON.parse(readFileSync(path.join(__dirname, 'argument-order.json'), 'utf8')) as Record<
  string,
  Record<string, string[]>
>;

/** The order a message's function takes its arguments: as they first appear in English, unless listed in argument-order.json. */
export function argumentOrder(namespace: string): Map<string, string[]> {
  const exceptions = ORDER_EXCEPTIONS[namespace] ?? {};
  return new Map(
    leaves(readCatalogue('en', namespace)).map((l) => [
      l.path,
      exceptions[l.path] ?? argumentsOf(l.message).map((a) => a.name),
    ]),
  );
}

/**
 * The shape components see: a message without arguments is its text; one with arguments is a function
 * taking them in English's order (`strings.pairs.open(partner)`); a list stays a list.
 */
function shape<T>(
  entry: Entry,
  at: string,
  order: Map<string, string[]>,
  leaf: (message: string, args: string[]) => T,
): unknown {
  if (typeof entry === 'string') return leaf(entry, order.get(at) ?? []);
  if (Array.isArray(entry)) return entry.map((m, i) => shape(m as Entry, `${at}.${i}`, order, leaf));
  return Object.fromEntries(
    Object.entries(entry as Section).map(([k, v]) => [k, shape(v, at ? `${at}.${k}` : k, order, leaf)]),
  );
}

/**
 * The little runtime compiled messages call, over Intl (the semantics of @messageformat/runtime, whose plural
 * tables the browser already has in Intl.PluralRules), written into each catalogue module so that a
 * catalogue is one self-contained file. Calls are shortened as they are written: `plural(a0, 0, en, {…})`
 * becomes `plural(a0, {…})`, `number("en", a0, 0)` becomes `fmt(a0)`.
 */
const RUNTIME: Record<string, string> = {
  // The page's locale (<html lang>, ar-SA …), so that numbers use the digits its dates use; else the language.
  fmt: 'const fmt = (value) => typeof value === "number" ? new Intl.NumberFormat(globalThis.document?.documentElement.lang || lang).format(value) : value;',
  plural:
    'const plural = (value, data, ordinal) => Object.hasOwn(data, value) ? data[value] : data[new Intl.PluralRules(lang, ordinal ? { type: "ordinal" } : {}).select(value)] ?? data.other;',
  select: 'const select = (value, data) => Object.hasOwn(data, value) ? data[value] : data.other;',
};

/** Rewrites a compiled message's code outside its string literals. */
function outsideStrings(code: string, rewrite: (part: string) => string): string {
  return code
    .split(/("(?:[^"\\]|\\.)*")/)
    .map((part, i) => (i % 2 ? part : rewrite(part)))
    .join('');
}

/** A catalogue compiled into an ES module (the Vite plugin): plain texts as literals, the rest as small functions. */
/**
 * The files the build writes per language, each the namespaces it registers: a surface's file brings the
 * shell's texts too (one fetch at start), a panel's namespace is a file of its own.
 */
export const CATALOGUE_FILES: Record<string, readonly string[]> = {
  personal: ['common', 'personal'],
  meeting: ['common', 'meeting'],
  config: ['common', 'config'],
  admin: ['common', 'admin'],
  panels: ['panels'],
  shared: ['shared'],
  signIn: ['signIn'],
};

/** A catalogue file compiled into an ES module (the Vite plugin): `export default { <namespace>: texts … }`. */
export function compileModule(language: string, file: string): string {
  const namespaces = CATALOGUE_FILES[file];
  if (!namespaces) throw new Error(`No catalogue file ${file}`);
  const mf = new MessageFormat(language);
  const compiler = new Compiler(mf.options);
  const plural = mf.plurals[0]!;
  const used = new Set<string>();
  const shaped = Object.fromEntries(
    namespaces.map((namespace) => [
      namespace,
      shape(readCatalogueOrEnglish(language, namespace), '', argumentOrder(namespace), (message, args) => {
        const fn = compiler.compile(message, plural, {}) as string;
        const plain = /^\(\) => ("(?:[^"\\]|\\.)*")$/s.exec(fn);
        if (plain && args.length === 0) return { code: plain[1]! };
        // `(d) => "Next session " + d.when` becomes `(a0) => "Next session " + a0`: the arguments by position,
        // a number shown as text in the language's digits (outside string literals only).
        const texts = textArguments(message);
        const body = /^\(d?\) => ([\s\S]*)$/.exec(fn)?.[1];
        if (body === undefined) throw new Error(`${language}/${namespace}: unexpected compiled form ${fn}`);
        // `number("en", d.n, 0)` spans a string literal (the locale): shortened before the split.
        const code = outsideStrings(
          body.replace(/\bnumber\("[A-Za-z-]+", (d\.[A-Za-z_$][\w$]*), 0\)/g, 'fmt($1)'),
          (part) =>
            part
              .replace(/\bd\.([A-Za-z_$][\w$]*)/g, (_, name: string) => {
                const at = args.indexOf(name);
                if (at < 0)
                  throw new Error(`${language}/${namespace}: ${name} is not an argument of English's message`);
                return texts.has(name) ? `fmt(a${at})` : `a${at}`;
              })
              .replace(/\bplural\((a\d+), 0, [\w$]+, /g, 'plural($1, '),
        );
        if (
          /\bnumber\(|\bplural\(a\d+, [^{]/.test(
            outsideStrings(code, (part) => part).replace(/"(?:[^"\\]|\\.)*"/g, '""'),
          )
        ) {
          throw new Error(`${language}/${namespace}: offsets and number styles are not supported: ${message} ${code}`);
        }
        for (const name of ['fmt', 'plural', 'select'])
          if (
            new RegExp(`\\b${name}\\(`).test(outsideStrings(code, (part) => part).replace(/"(?:[^"\\]|\\.)*"/g, '""'))
          )
            used.add(name);
        return { code: `(${args.map((_, i) => `a${i}`).join(', ')}) => ${code}` };
      }),
    ]),
  );
  const stringify = (value: unknown): string => {
    if (Array.isArray(value)) return `[${value.map(stringify).join(', ')}]`;
    const v = value as { code?: string } & Record<string, unknown>;
    if (typeof v.code === 'string') return v.code;
    return `{${Object.entries(v)
      .map(([k, x]) => `${JSON.stringify(k)}: ${stringify(x)}`)
      .join(',\n')}}`;
  };
  const head = ['fmt', 'plural', 'select'].filter((name) => used.has(name)).map((name) => RUNTIME[name]!);
  if (head.length) head.unshift(`const lang = ${JSON.stringify(language)};`);
  return `${head.join('\n')}\nexport default ${stringify(shaped)};\n`;
}

/** Arguments a message shows as they are (`{n}`): a number among them is written in the language's digits and separators. */
function textArguments(message: string): Set<string> {
  return new Set(
    argumentsOf(message)
      .filter((a) => a.kind === 'text')
      .map((a) => a.name),
  );
}

/** The same catalogue compiled in Node into the shape components see (tests). */
export function compileCatalogue(
  language: string,
  namespace: string,
  catalogue: Section = readCatalogue(language, namespace),
): unknown {
  const mf = new MessageFormat(language);
  return shape(catalogue, '', argumentOrder(namespace), (message, args) => {
    const fn = mf.compile(message);
    if (args.length === 0) return fn({});
    const texts = textArguments(message);
    const fmt = (value: unknown) => (typeof value === 'number' ? new Intl.NumberFormat(language).format(value) : value);
    return (...values: unknown[]) =>
      fn(Object.fromEntries(args.map((name, i) => [name, texts.has(name) ? fmt(values[i]) : values[i]])));
  });
}
