// The Teams app package as `npm run package` builds it: schema 1.30 validity, and what the schema
// cannot check (domains, SSO resource, bot commands, tab surfaces, store naming, coverage of each language).
import { ACTIVITY_TEMPLATE_PARAMETERS, ACTIVITY_TEMPLATES, ACTIVITY_TYPES } from '../../bot/src/domain/activities';
import { CATALOGUES, languageOf } from '../../bot/src/i18n/messages';
import { BOT_COMMANDS } from '../../bot/src/teams/botEndpoint';
import { SURFACES } from '../../tab/src/surfaces';
import { buildPackage, readableErrors, removeTempDirs, schemaValidator, type BuiltPackage } from './packageSupport';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- manifest JSON, typed loosely: the schema checks it first
type Json = Record<string, any>;

const ENVIRONMENTS = ['dev', 'local'] as const;
const validateManifest = schemaValidator('MicrosoftTeams.schema.json');
const validateLocalization = schemaValidator('MicrosoftTeams.Localization.schema.json');

const built = new Map<string, BuiltPackage>();
beforeAll(() => {
  for (const env of ENVIRONMENTS) built.set(env, buildPackage(env));
});
afterAll(removeTempDirs);

const pkg = (env: string) => built.get(env)!;
const manifestOf = (env: string) => pkg(env).json('manifest.json') as Json;
/** Teams language tag → its strings file: the eleven languages besides English (the bot's, bot/src/i18n). */
const LANGUAGE_FILES: Record<string, string> = {
  de: 'de.json', fr: 'fr.json', es: 'es.json', 'pt-br': 'pt-BR.json', it: 'it.json', nl: 'nl.json',
  ja: 'ja.json', 'zh-cn': 'zh-CN.json', ko: 'ko.json', ar: 'ar.json', he: 'he.json',
};
const FILES = Object.values(LANGUAGE_FILES);
const stringsOf = (env: string, file: string) => pkg(env).json(file) as Json;

/** Every string in a JSON value, with its path. */
function strings(node: unknown, at = ''): { at: string; value: string }[] {
  if (typeof node === 'string') return [{ at, value: node }];
  if (Array.isArray(node)) return node.flatMap((n, i) => strings(n, `${at}[${i}]`));
  if (node && typeof node === 'object') return Object.entries(node).flatMap(([k, v]) => strings(v, at ? `${at}.${k}` : k));
  return [];
}

/** validDomains entries may carry a leading wildcard (`*.example.com`). */
function hostAllowed(host: string, validDomains: string[]): boolean {
  return validDomains.some((d) => {
    const domain = d.toLowerCase();
    if (domain.startsWith('*.')) return host.endsWith(domain.slice(1)) && host.length > domain.length - 1;
    return host === domain;
  });
}

/** The keys of the localisation schema that the English manifest has a string for. */
function localizableKeys(manifest: Json): Record<string, string> {
  const keys: Record<string, string> = {};
  const put = (key: string, value: unknown) => {
    if (typeof value === 'string') keys[key] = value;
  };
  put('name.short', manifest.name?.short);
  put('name.full', manifest.name?.full);
  put('description.short', manifest.description?.short);
  put('description.full', manifest.description?.full);
  (manifest.staticTabs ?? []).forEach((t: Json, i: number) => put(`staticTabs[${i}].name`, t.name));
  (manifest.bots ?? []).forEach((b: Json, i: number) =>
    (b.commandLists ?? []).forEach((l: Json, j: number) =>
      (l.commands ?? []).forEach((c: Json, k: number) => {
        for (const field of ['title', 'description', 'prompt']) put(`bots[${i}].commandLists[${j}].commands[${k}].${field}`, c[field]);
      })));
  (manifest.activities?.activityTypes ?? []).forEach((a: Json, i: number) => {
    put(`activities.activityTypes[${i}].description`, a.description);
    put(`activities.activityTypes[${i}].templateText`, a.templateText);
  });
  (manifest.description?.features ?? []).forEach((f: Json, i: number) => {
    put(`description.features[${i}].title`, f.title);
    put(`description.features[${i}].description`, f.description);
  });
  return keys;
}

/** English strings every language repeats: the product name and the command word the bot parses. */
const SAME_IN_GERMAN = ['name.short', /^bots\[0\]\.commandLists\[\d+\]\.commands\[\d+\]\.title$/];
const mayRepeat = (key: string) => SAME_IN_GERMAN.some((k) => (typeof k === 'string' ? k === key : k.test(key)));

describe.each(ENVIRONMENTS)('the %s app package', (env) => {
  test('holds exactly the manifest, both icons and the eleven languages’ strings, at the zip root', () => {
    expect([...pkg(env).entries].sort()).toEqual(['color.png', ...FILES, 'manifest.json', 'outline.png'].sort());
    const manifest = manifestOf(env);
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
    expect(manifest.localizationInfo).toEqual({
      defaultLanguageTag: 'en-us',
      additionalLanguages: Object.entries(LANGUAGE_FILES).map(([languageTag, file]) => ({ languageTag, file })),
    });
  });

  test('manifest.json is valid against the Teams 1.30 schema', () => {
    const manifest = manifestOf(env);
    const valid = validateManifest(manifest);
    expect(readableErrors(validateManifest.errors)).toEqual([]);
    expect(valid).toBe(true);
    expect(manifest.manifestVersion).toBe('1.30');
    expect(manifest.$schema).toBe('https://developer.microsoft.com/en-us/json-schemas/teams/v1.30/MicrosoftTeams.schema.json');
  });

  test.each(FILES)('%s is valid against the Teams 1.30 localisation schema (field lengths included)', (file) => {
    const valid = validateLocalization(stringsOf(env, file));
    expect(readableErrors(validateLocalization.errors)).toEqual([]);
    expect(valid).toBe(true);
  });

  test('every placeholder is filled with the environment\'s values', () => {
    const { env: vars } = pkg(env);
    for (const name of ['manifest.json', ...FILES]) expect(pkg(env).buffer(name).toString('utf8')).not.toMatch(/\$\{\{/);
    const manifest = manifestOf(env);
    expect(manifest.id).toBe(vars.TEAMS_APP_ID);
    expect(manifest.bots[0].botId).toBe(vars.BOT_ID);
    expect(manifest.webApplicationInfo.id).toBe(vars.AAD_APP_CLIENT_ID);
    expect(manifest.validDomains).toEqual([vars.TAB_DOMAIN]);
    expect(manifest.name.short).toBe(`Reverse Mentoring${vars.APP_NAME_SUFFIX}`);
    for (const file of FILES) expect(stringsOf(env, file)['name.short']).toBe(`Reverse Mentoring${vars.APP_NAME_SUFFIX}`);
    expect(vars.TAB_ENDPOINT).toBe(`https://${vars.TAB_DOMAIN}`);
  });

  test('every tab URL is https on a valid domain; so are the developer and admin-doc pages', () => {
    const manifest = manifestOf(env);
    const urls: { at: string; url: string }[] = [];
    (manifest.staticTabs as Json[]).forEach((t, i) => {
      for (const key of ['contentUrl', 'websiteUrl', 'searchUrl']) if (t[key]) urls.push({ at: `staticTabs[${i}].${key}`, url: t[key] });
    });
    (manifest.configurableTabs as Json[]).forEach((t, i) => urls.push({ at: `configurableTabs[${i}].configurationUrl`, url: t.configurationUrl }));
    const tabUrls = urls.length;
    for (const key of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) urls.push({ at: `developer.${key}`, url: manifest.developer[key] });
    urls.push({ at: 'publisherDocsUrl', url: manifest.publisherDocsUrl });
    expect(tabUrls).toBe(5); // personal and admin contentUrl and websiteUrl, meeting configurationUrl

    const problems = urls.flatMap(({ at, url }) => {
      const u = new URL(url);
      if (u.protocol !== 'https:') return [`${at}: ${url} is not https`];
      if (!hostAllowed(u.host.toLowerCase(), manifest.validDomains)) return [`${at}: ${u.host} is not in validDomains`];
      return [];
    });
    expect(problems).toEqual([]);
    expect(new URL(manifest.publisherDocsUrl).pathname).toBe('/docs/admin-guide');
  });

  test('the SSO resource is api://<a valid domain>/<the Entra client id>', () => {
    const { webApplicationInfo, validDomains } = manifestOf(env);
    const m = /^api:\/\/([^/]+)\/([^/]+)$/.exec(webApplicationInfo.resource);
    expect(m).not.toBeNull();
    expect(hostAllowed(m![1]!.toLowerCase(), validDomains)).toBe(true);
    expect(m![2]).toBe(webApplicationInfo.id);
  });

  test('the bot lists exactly the commands it answers (BOT_COMMANDS)', () => {
    const [bot, ...others] = manifestOf(env).bots as Json[];
    expect(others).toEqual([]);
    expect(bot!.commandLists.length).toBeGreaterThan(0);
    const expected = BOT_COMMANDS.map((c) => ({ title: c.command, description: c.description }));
    for (const list of bot!.commandLists) expect(list.commands).toEqual(expected);
    expect(bot!.scopes).toEqual(['personal', 'groupChat']);
    expect(bot!.supportsFiles).toBe(false);
    expect(bot!.isNotificationOnly).toBe(false);
  });

  test('every /tab/<surface> path is a surface the tab knows (tab/src/surfaces.ts)', () => {
    const surfaces = strings(manifestOf(env))
      .filter(({ value }) => /^https?:\/\//.test(value))
      .flatMap(({ at, value }) => {
        const m = /^\/tab\/([^/]+)/.exec(new URL(value).pathname);
        return m ? [{ at, surface: m[1]! }] : [];
      });
    expect(surfaces.map((s) => s.surface).sort()).toEqual(['admin', 'admin', 'config', 'personal', 'personal']);
    const unknown = surfaces.filter(({ surface }) => !Object.hasOwn(SURFACES, surface)).map(({ at, surface }) => `${at}: /tab/${surface}`);
    expect(unknown).toEqual([]);
  });

  test('the tabs: personal "pairs" and About with a loading indicator; the meeting tab in group chats', () => {
    const manifest = manifestOf(env);
    expect(manifest.showLoadingIndicator).toBe(true);
    expect((manifest.staticTabs as Json[]).map((t) => [t.entityId, t.scopes])).toEqual([['pairs', ['personal']], ['admin', ['personal']], ['about', ['personal']]]);
    expect(new URL(manifest.staticTabs[0].contentUrl).search).toBe('?locale={locale}');
    const [meeting] = manifest.configurableTabs as Json[];
    expect(meeting!.scopes).toEqual(['groupChat']);
    expect([...meeting!.context].sort()).toEqual(['meetingChatTab', 'meetingDetailsTab', 'meetingSidePanel', 'meetingStage']);
    expect(meeting!.canUpdateConfiguration).toBe(true);
    expect(new URL(meeting!.configurationUrl).search).toBe('?locale={locale}');
  });

  test('resource-specific permissions: only meeting events (application) and sharing to the stage (delegated)', () => {
    expect(manifestOf(env).authorization.permissions.resourceSpecific).toEqual([
      { name: 'OnlineMeeting.ReadBasic.Chat', type: 'Application' },
      { name: 'MeetingStage.Write.Chat', type: 'Delegated' },
    ]);
  });

  test('activities: every notice the server sends is declared, its template naming exactly the parameters the server fills, in every language', () => {
    const manifest = manifestOf(env);
    const declared = manifest.activities.activityTypes as Json[];
    expect(declared.map((a) => a.type)).toEqual([...ACTIVITY_TYPES]);
    const parameters = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).filter((p) => p !== 'actor').sort();
    declared.forEach((a, i) => {
      // The bot's fallback card says the same as the feed.
      expect({ type: a.type, text: a.templateText }).toEqual({ type: a.type, text: ACTIVITY_TEMPLATES[a.type as keyof typeof ACTIVITY_TEMPLATES] });
      const expected = [...ACTIVITY_TEMPLATE_PARAMETERS[a.type as keyof typeof ACTIVITY_TEMPLATE_PARAMETERS]].sort();
      expect({ type: a.type, english: parameters(a.templateText) }).toEqual({ type: a.type, english: expected });
      for (const file of FILES)
        expect({ file, type: a.type, params: parameters(stringsOf(env, file)[`activities.activityTypes[${i}].templateText`]) }).toEqual({ file, type: a.type, params: expected });
    });
  });

  test.each(Object.entries(LANGUAGE_FILES))('%s: the feed and the command list say what the bot says in that language (bot/src/i18n)', (tag, file) => {
    const catalogue = CATALOGUES[languageOf(tag)] as Record<string, string>;
    expect(languageOf(tag)).not.toBe('en');
    const strings = stringsOf(env, file);
    const manifest = manifestOf(env);
    (manifest.activities.activityTypes as Json[]).forEach((a, i) =>
      expect([a.type, strings[`activities.activityTypes[${i}].templateText`]]).toEqual([a.type, catalogue[`notice.${a.type}`]]));
    BOT_COMMANDS.forEach((c, i) =>
      expect([c.command, strings[`bots[0].commandLists[0].commands[${i}].description`]]).toEqual([c.command, catalogue[`command.${c.command}`]]));
  });

  test('names and descriptions follow the store rules, in every language', () => {
    const manifest = manifestOf(env);
    const texts: Record<string, string> = {
      'name.short': manifest.name.short, 'name.full': manifest.name.full,
      'description.short': manifest.description.short, 'description.full': manifest.description.full,
    };
    for (const file of FILES)
      for (const key of ['name.short', 'name.full', 'description.short', 'description.full']) texts[`${file} ${key}`] = stringsOf(env, file)[key];
    const forbidden = Object.entries(texts).filter(([, text]) => /teams|microsoft|\bbeta\b/i.test(text)).map(([key]) => key);
    expect(forbidden).toEqual([]);
    const tooLong = Object.entries(texts).filter(([key, text]) => text.length > ({ 'name.short': 30, 'name.full': 100, 'description.short': 80, 'description.full': 4000 } as Record<string, number>)[key.split(' ').pop()!]!);
    expect(tooLong.map(([key]) => key)).toEqual([]);
  });

  test.each(FILES)('%s translates every localisable string of the English manifest, and nothing else', (file) => {
    const english = localizableKeys(manifestOf(env));
    const translated = stringsOf(env, file);
    expect(Object.keys(english)).toEqual(expect.arrayContaining(['name.short', 'description.full', 'staticTabs[0].name', 'bots[0].commandLists[0].commands[0].description']));

    const untranslated = Object.keys(english).filter((key) => typeof translated[key] !== 'string' || !translated[key].trim());
    expect(untranslated).toEqual([]);
    const stale = Object.keys(translated).filter((key) => key !== '$schema' && !(key in english));
    expect(stale).toEqual([]);
    const copied = Object.keys(english).filter((key) => !mayRepeat(key) && translated[key] === english[key]);
    expect(copied).toEqual([]);
    const repeated = Object.keys(english).filter((key) => mayRepeat(key));
    for (const key of repeated) expect(translated[key]).toBe(english[key]);
  });
});
