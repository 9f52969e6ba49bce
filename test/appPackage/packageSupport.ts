// Shared by the app-package tests: build a package into a temporary folder, read it back, and
// validate JSON against the Teams 1.30 schemas that ship with @microsoft/app-manifest.
import AdmZip from 'adm-zip';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageApp, parseEnvFile } from '../../scripts/packageApp';

export const ROOT = path.resolve(__dirname, '../..');
export const APP_DIR = path.join(ROOT, 'appPackage');
/** Example values (never provisioned) for building packages in tests; env/ holds the real, provisioned ones. */
export const TEST_ENV_DIR = path.join(__dirname, 'env');
export const SCHEMA_DIR = path.join(ROOT, 'node_modules/@microsoft/app-manifest/build/json-schemas/teams/v1.30');

export interface BuiltPackage {
  zipPath: string;
  /** Entry names as stored in the zip. */
  entries: string[];
  buffer(name: string): Buffer;
  json(name: string): Record<string, unknown>;
  /** The variables of env/.env.<envName>. */
  env: Record<string, string>;
}

const tempDirs: string[] = [];

export function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'app-package-'));
  tempDirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Runs the packaging function for an environment into a temporary folder and opens the zip. */
export function buildPackage(envName: string): BuiltPackage {
  const { zipPath } = packageApp({ envName, outDir: tempDir(), envDir: TEST_ENV_DIR });
  const zip = new AdmZip(zipPath);
  const entries = zip.getEntries().map((e) => e.entryName);
  const buffer = (name: string) => {
    const entry = zip.getEntry(name);
    if (!entry) throw new Error(`${name} is not in ${path.basename(zipPath)} (entries: ${entries.join(', ')})`);
    return entry.getData();
  };
  return {
    zipPath,
    entries,
    buffer,
    json: (name) => JSON.parse(buffer(name).toString('utf8')) as Record<string, unknown>,
    env: parseEnvFile(readFileSync(path.join(TEST_ENV_DIR, `.env.${envName}`), 'utf8')),
  };
}

/** Every `$ref` in a schema that points outside the document itself. */
function externalRefs(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => externalRefs(n, found));
  else if (node && typeof node === 'object')
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && !value.startsWith('#')) found.add(value.split('#')[0]!);
      else externalRefs(value, found);
    }
  return found;
}

/** A draft-04 validator for one schema file of the 1.30 folder, with any schema files it references. */
export function schemaValidator(file: string): ValidateFunction {
  // unicodeRegExp off: the localisation schema's patterns (`\b]`) are not valid with the u flag.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  const load = (name: string) => JSON.parse(readFileSync(path.join(SCHEMA_DIR, name), 'utf8')) as Record<string, unknown>;
  const main = load(file);
  const pending = [...externalRefs(main)];
  const loaded = new Set<string>();
  while (pending.length) {
    const ref = pending.pop()!;
    if (loaded.has(ref)) continue;
    loaded.add(ref);
    const schema = load(path.basename(new URL(ref, 'file:///').pathname));
    ajv.addSchema(schema, ref);
    pending.push(...externalRefs(schema));
  }
  return ajv.compile(main);
}

/** One line per ajv error: where, what, and the keyword's parameters. */
export function readableErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`);
}
