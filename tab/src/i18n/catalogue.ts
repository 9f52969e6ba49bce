// The catalogues this page has loaded, one per namespace, in the language the page speaks. Components
// read them through the namespace's strings module (`strings`, `meetingStrings` …), which are views of
// what is registered here: a module may keep a section (`const s = strings.pairs`) before the catalogue
// has arrived, and a later language replaces the texts in place, so kept sections speak it too.
import type { Catalogues } from './catalogue.types';

export type Namespace = keyof Catalogues;

type Node = { [key: string]: unknown };
type Registry = Partial<Record<Namespace, Node>>;
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

const loaded: Registry = {};
/** English as well, where a test asks for it by name (`meetingStringsEn`): the page itself never loads it for that. */
const english: Registry = {};

/** Puts a compiled catalogue in place: the first one as it is, a later language into the same objects. */
export function register(namespace: Namespace, messages: unknown): void {
  const into = (target: Node, source: Node) => {
    for (const [key, value] of Object.entries(source)) {
      if (isNode(value) && isNode(target[key])) into(target[key] as Node, value);
      else target[key] = value;
    }
  };
  const current = loaded[namespace];
  if (current && isNode(messages)) into(current, messages);
  else loaded[namespace] = messages as Node;
}

/** Registers English by name (tests: test/support/i18n.ts). */
export function registerEnglish(namespace: Namespace, messages: unknown): void {
  english[namespace] = messages as Node;
}

/** What the page knows about its language, for the language menu (kept here: every chunk already has this module). */
export interface PageLanguage {
  /** The language spoken, and Teams' (what the page speaks without a choice). */
  spoken: string;
  teams: string;
  available: readonly string[];
  chosen(): string | undefined;
  choose(language: string | undefined): void;
  /** Fetches namespaces the page has not loaded yet, in the language spoken. */
  load(namespaces: readonly Namespace[]): Promise<void>;
}

let page: PageLanguage | undefined;

export function setPageLanguage(state: PageLanguage): void {
  page = state;
}

export const pageLanguageState = (): PageLanguage | undefined => page;

/** Resolves once these namespaces are in (a lazy component's texts, fetched beside its chunk). */
export function ensure(namespaces: readonly Namespace[]): Promise<void> {
  const missing = namespaces.filter((ns) => !loaded[ns]);
  return missing.length && page ? page.load(missing) : Promise.resolve();
}

/** `load` (a lazy chunk's import) together with the texts it shows, both fetched at once. */
export function withTexts<T>(namespaces: readonly Namespace[], load: () => Promise<T>): () => Promise<T> {
  return () => Promise.all([load(), ensure(namespaces)]).then(([module]) => module);
}

/**
 * What a section read before its catalogue arrived stands for: the path, resolved on each read. A key no
 * loaded namespace has stays a view while some namespace is still to come (the side panel reads the shell's
 * `strings.errors` without ever loading the personal tab's half of `strings`).
 */
function view(root: () => { node: Node | undefined; complete: boolean }, path: readonly string[]): Node {
  const resolve = (): Node | undefined => {
    let node: unknown = root().node;
    for (const key of path) node = isNode(node) || Array.isArray(node) ? (node as Node)[key] : undefined;
    return node as Node | undefined;
  };
  return new Proxy({} as Node, {
    get(_, key) {
      const target = resolve();
      if (target && (path.length > 0 || Reflect.has(target, key) || root().complete)) return Reflect.get(target, key);
      // Still loading: a section kept at module level; reads of texts come after the catalogue.
      return typeof key === 'string' ? view(root, [...path, key]) : undefined;
    },
    has: (_, key) => Reflect.has(resolve() ?? {}, key),
    ownKeys: () => Reflect.ownKeys(resolve() ?? {}),
    getOwnPropertyDescriptor(_, key) {
      const descriptor = Reflect.getOwnPropertyDescriptor(resolve() ?? {}, key);
      return descriptor ? { ...descriptor, configurable: true } : undefined;
    },
  });
}

type Union<N extends Namespace[]> = N extends [infer A extends Namespace, ...infer R extends Namespace[]]
  ? Catalogues[A] & Union<R>
  : unknown;

/** The namespaces' sections side by side (no two have a section of the same name), as far as they are loaded. */
function rootOf(
  registry: Registry,
  namespaces: readonly Namespace[],
): () => { node: Node | undefined; complete: boolean } {
  return () => {
    const loadedOnes = namespaces.map((ns) => registry[ns]).filter((node) => node !== undefined);
    const node = loadedOnes.length < 2 ? loadedOnes[0] : (Object.assign({}, ...loadedOnes) as Node);
    return { node, complete: loadedOnes.length === namespaces.length };
  };
}

/** Namespaces' texts, typed from the English catalogues (catalogue.types.ts). */
export function catalogue<N extends Namespace[]>(...namespaces: N): Union<N> {
  return view(rootOf(loaded, namespaces), []) as Union<N>;
}

/** Namespaces' English texts, whatever the page speaks (for tests that name English). */
export function englishCatalogue<N extends Namespace[]>(...namespaces: N): Union<N> {
  return view(rootOf(english, namespaces), []) as Union<N>;
}
