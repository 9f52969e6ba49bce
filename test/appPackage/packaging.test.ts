// scripts/packageApp.ts: env files, placeholder filling, and refusing to build an incomplete package.
import AdmZip from 'adm-zip';
import { copyFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PackageError, fillPlaceholders, packageApp, parseEnvFile, remainingPlaceholders } from '../../scripts/packageApp';
import { APP_DIR, ROOT, TEST_ENV_DIR, removeTempDirs, schemaValidator, tempDir } from './packageSupport';

afterAll(removeTempDirs);

/** The strings files the manifest names (localizationInfo), in its order: German, then the other ten languages. */
const LANGUAGE_FILES = ['de.json', 'fr.json', 'es.json', 'pt-BR.json', 'it.json', 'nl.json', 'ja.json', 'zh-CN.json', 'ko.json', 'ar.json', 'he.json'];

const COMPLETE_ENV = [
  'TEAMS_APP_ID=11111111-2222-4333-8444-555555555555',
  'AAD_APP_CLIENT_ID=22222222-3333-4444-8555-666666666666',
  'BOT_ID=33333333-4444-4555-8666-777777777777',
  'TAB_DOMAIN=rm-test.example.net',
  'TAB_ENDPOINT=https://rm-test.example.net',
  'APP_NAME_SUFFIX=',
];

/** A copy of appPackage/ (without build output) and an env folder holding `.env.<name>`. */
function workspace(envName: string, envLines: string[]) {
  const appDir = tempDir();
  for (const f of readdirSync(APP_DIR, { withFileTypes: true })) if (f.isFile()) copyFileSync(path.join(APP_DIR, f.name), path.join(appDir, f.name));
  const envDir = tempDir();
  writeFileSync(path.join(envDir, `.env.${envName}`), `${envLines.join('\n')}\n`);
  const outDir = path.join(tempDir(), 'build');
  return { appDir, envDir, outDir };
}

const errorOf = (fn: () => unknown): PackageError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof PackageError) return e;
    throw e;
  }
  throw new Error('expected a PackageError');
};

describe('parseEnvFile', () => {
  test('reads KEY=VALUE lines, skips comments and blank lines, unquotes values', () => {
    const text = '# comment\n\nA=1\n  B = two words \nC=" (dev)"\nD=\'x#y\'\nE=\nF=https://h.example/p#frag\r\n';
    expect(parseEnvFile(text)).toEqual({ A: '1', B: 'two words', C: ' (dev)', D: 'x#y', E: '', F: 'https://h.example/p#frag' });
  });

  test('rejects a line that is not KEY=VALUE, naming the line', () => {
    expect(errorOf(() => parseEnvFile('A=1\nnot a variable\n', '.env.x')).message).toBe('.env.x:2: expected KEY=VALUE, got "not a variable"');
  });

  test('the committed env files declare every variable the manifest uses, ids left for provisioning', () => {
    const used = new Set<string>();
    for (const file of ['manifest.json', ...LANGUAGE_FILES])
      for (const m of readFileSync(path.join(APP_DIR, file), 'utf8').matchAll(/\$\{\{(\w+)\}\}/g)) used.add(m[1]!);
    expect([...used].sort()).toEqual(['AAD_APP_CLIENT_ID', 'APP_NAME_SUFFIX', 'BOT_ID', 'TAB_DOMAIN', 'TAB_ENDPOINT', 'TEAMS_APP_ID']);
    for (const env of ['dev', 'local']) {
      const real = parseEnvFile(readFileSync(path.join(ROOT, 'env', `.env.${env}`), 'utf8'));
      expect([...used].filter((name) => real[name] === undefined)).toEqual([]);
      // Made-up ids would make the Agents Toolkit skip creating the real registrations.
      expect([real.TEAMS_APP_ID, real.AAD_APP_CLIENT_ID, real.BOT_ID]).toEqual(['', '', '']);
      const example = parseEnvFile(readFileSync(path.join(TEST_ENV_DIR, `.env.${env}`), 'utf8'));
      expect([...used].filter((name) => example[name] === undefined)).toEqual([]);
      expect(example.TAB_ENDPOINT).toMatch(/^https:\/\//);
      expect(example.TAB_DOMAIN).not.toMatch(/localhost|127\.0\.0\.1/);
    }
  });

  test('an environment not provisioned yet fails, naming the empty ids and what to run', () => {
    expect(errorOf(() => packageApp({ envName: 'dev', outDir: tempDir() })).message).toMatch(
      /variables missing or empty in \.env\.dev:[\s\S]*AAD_APP_CLIENT_ID[\s\S]*BOT_ID[\s\S]*TEAMS_APP_ID[\s\S]*atk provision --env dev/,
    );
  });
});

describe('fillPlaceholders', () => {
  test('fills every placeholder, escaping values for a JSON string, and reports the missing ones once', () => {
    const text = '{"a":"${{A}}","b":"x${{ B }}y","c":"${{C}}${{C}}"}';
    const result = fillPlaceholders(text, { A: 'say "hi" \\ bye', B: '' });
    expect(result.missing).toEqual(['C']);
    expect(remainingPlaceholders(result.text)).toEqual(['${{C}}', '${{C}}']);
    const filled = fillPlaceholders(text, { A: 'say "hi" \\ bye', B: '', C: 'c' });
    expect(JSON.parse(filled.text)).toEqual({ a: 'say "hi" \\ bye', b: 'xy', c: 'cc' });
    expect(filled.missing).toEqual([]);
  });
});

describe('packageApp', () => {
  test('writes appPackage.<env>.zip into the output folder with the manifest, icons and localisation', () => {
    const ws = workspace('ci', COMPLETE_ENV);
    const result = packageApp({ envName: 'ci', ...ws });
    expect(result.zipPath).toBe(path.join(ws.outDir, 'appPackage.ci.zip'));
    expect(result.files).toEqual(['manifest.json', 'color.png', 'outline.png', ...LANGUAGE_FILES]);
    const zip = new AdmZip(result.zipPath);
    expect(zip.getEntries().map((e) => e.entryName).sort()).toEqual(['color.png', ...LANGUAGE_FILES, 'manifest.json', 'outline.png'].sort());
    const manifest = JSON.parse(zip.readAsText('manifest.json')) as { name: { short: string }; validDomains: string[] };
    expect(manifest.name.short).toBe('Reverse Mentoring'); // empty suffix, as in production
    expect(manifest.validDomains).toEqual(['rm-test.example.net']);
  });

  test('fails listing every missing variable and where it is used, and writes nothing', () => {
    const ws = workspace('ci', COMPLETE_ENV.filter((l) => !/^(BOT_ID|APP_NAME_SUFFIX)=/.test(l)));
    const error = errorOf(() => packageApp({ envName: 'ci', ...ws }));
    expect(error.message).toBe(
      `variables missing or empty in .env.ci:\n  APP_NAME_SUFFIX (used in ${['manifest.json', ...LANGUAGE_FILES].join(', ')})\n  BOT_ID (used in manifest.json)\n` +
        'Run `atk provision --env ci` (it writes them), or fill them in by hand.',
    );
    expect(() => readdirSync(ws.outDir)).toThrow();
  });

  test('fails when a placeholder remains that no variable can fill', () => {
    const ws = workspace('ci', COMPLETE_ENV);
    const manifestPath = path.join(ws.appDir, 'manifest.json');
    writeFileSync(manifestPath, readFileSync(manifestPath, 'utf8').replace('"version": "1.0.0"', '"version": "${{APP-VERSION}}"'));
    expect(errorOf(() => packageApp({ envName: 'ci', ...ws })).message).toBe('placeholders left after filling:\n  manifest.json: ${{APP-VERSION}}');
  });

  test('fails for an unknown environment, listing the known ones', () => {
    const ws = workspace('ci', COMPLETE_ENV);
    expect(errorOf(() => packageApp({ envName: 'prod', ...ws })).message).toMatch(/no .*\.env\.prod; environments: ci$/);
  });

  test('fails when an icon or localisation file the manifest names is missing', () => {
    const ws = workspace('ci', COMPLETE_ENV);
    const manifestPath = path.join(ws.appDir, 'manifest.json');
    const original = readFileSync(manifestPath, 'utf8');
    writeFileSync(manifestPath, original.replace('"file": "de.json"', '"file": "sv.json"'));
    expect(errorOf(() => packageApp({ envName: 'ci', ...ws })).message).toMatch(/^sv\.json is missing/);
    writeFileSync(manifestPath, original.replace('"outline": "outline.png"', '"outline": "icons/outline.png"'));
    expect(errorOf(() => packageApp({ envName: 'ci', ...ws })).message).toMatch(/icons\.outline "icons\/outline\.png" must be a file at the package root/);
  });
});

describe('the schema validators used by the package tests', () => {
  test('accept a filled manifest and reject what the Teams schemas reject', () => {
    const manifest = schemaValidator('MicrosoftTeams.schema.json');
    const localization = schemaValidator('MicrosoftTeams.Localization.schema.json');
    const template = JSON.parse(readFileSync(path.join(APP_DIR, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest(template)).toBe(false); // placeholders where GUIDs go
    expect(manifest.errors?.map((e) => e.instancePath)).toContain('/id');

    const filled = packageApp({ envName: 'ci', ...workspace('ci', COMPLETE_ENV) }).manifest;
    expect(manifest(filled)).toBe(true);
    expect(manifest({ ...filled, manifestVersion: '1.29' })).toBe(false);
    expect(manifest({ ...filled, staticTabs: [{ entityId: 'pairs', scopes: ['personal'], showLoadingIndicator: true }] })).toBe(false);
    expect(manifest({ ...filled, accentColor: 'blue' })).toBe(false);

    const strings = { 'name.short': 'x', 'description.short': 'y', 'description.full': 'z' };
    expect(localization({ ...strings, 'staticTabs[0].name': 'ok' })).toBe(true);
    expect(localization({ ...strings, 'staticTabs[0].title': 'unknown key' })).toBe(false);
    expect(localization({ ...strings, 'description.short': 'x'.repeat(81) })).toBe(false);
  });
});
