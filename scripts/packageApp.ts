// Builds the Teams app package: `npm run package [envName]` (default `dev`).
// Reads env/.env.<envName> (KEY=VALUE lines, # comments), fills every ${{VAR}} placeholder in
// appPackage/manifest.json and its localisation files (Microsoft 365 Agents Toolkit convention), and
// writes appPackage/build/appPackage.<envName>.zip with the manifest, both icons and the localisation
// files at the zip root. Fails, naming every missing variable, if any placeholder cannot be filled.
import AdmZip from 'adm-zip';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

export class PackageError extends Error {
  override name = 'PackageError';
}

export interface PackageOptions {
  /** Which env/.env.<envName> file supplies the variables; default `dev`. */
  envName?: string;
  /** Folder holding manifest.json, the icons and the localisation files; default appPackage/. */
  appDir?: string;
  /** Folder holding the .env.<envName> files; default env/. */
  envDir?: string;
  /** Where the zip goes; default appPackage/build/. */
  outDir?: string;
}

export interface PackageResult {
  zipPath: string;
  /** Names of the files in the zip, in the order written. */
  files: string[];
  /** The filled manifest as written. */
  manifest: Record<string, unknown>;
}

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** KEY=VALUE lines; blank lines and lines starting with # are skipped; a value may be quoted ("…" or '…'). */
export function parseEnvFile(text: string, fileName = '.env'): Record<string, string> {
  const vars: Record<string, string> = {};
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) {
      problems.push(`${fileName}:${index + 1}: expected KEY=VALUE, got "${line}"`);
      return;
    }
    let value = m[2]!;
    const quoted = /^"(.*)"$/.exec(value) ?? /^'(.*)'$/.exec(value);
    if (quoted) value = quoted[1]!;
    vars[m[1]!] = value;
  });
  if (problems.length) throw new PackageError(problems.join('\n'));
  return vars;
}

/** Replaces every ${{VAR}} in a JSON text with the variable's value, escaped for a JSON string. */
export function fillPlaceholders(
  text: string,
  vars: Readonly<Record<string, string>>,
): { text: string; missing: string[] } {
  const missing = new Set<string>();
  const filled = text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = vars[name];
    if (value === undefined) {
      missing.add(name);
      return whole;
    }
    return JSON.stringify(value).slice(1, -1);
  });
  return { text: filled, missing: [...missing] };
}

/** Any ${{…}} left over, well-formed or not. */
export function remainingPlaceholders(text: string): string[] {
  return [...text.matchAll(/\$\{\{[^}]*\}\}/g)].map((m) => m[0]);
}

function rootFileName(value: unknown, where: string): string {
  if (typeof value !== 'string' || !value) throw new PackageError(`manifest.json: ${where} must name a file`);
  if (value !== path.basename(value))
    throw new PackageError(`manifest.json: ${where} "${value}" must be a file at the package root`);
  return value;
}

/** The localisation files the manifest names (default language file and additional languages). */
export function localizationFiles(manifest: Record<string, unknown>): string[] {
  const info = manifest['localizationInfo'] as
    { defaultLanguageFile?: unknown; additionalLanguages?: { file?: unknown }[] } | undefined;
  if (!info) return [];
  const files: string[] = [];
  if (info.defaultLanguageFile !== undefined)
    files.push(rootFileName(info.defaultLanguageFile, 'localizationInfo.defaultLanguageFile'));
  (info.additionalLanguages ?? []).forEach((l, i) =>
    files.push(rootFileName(l.file, `localizationInfo.additionalLanguages[${i}].file`)),
  );
  return files;
}

const MAY_BE_EMPTY = new Set(['APP_NAME_SUFFIX']);

export function packageApp(options: PackageOptions = {}): PackageResult {
  const envName = options.envName ?? 'dev';
  if (!/^[A-Za-z0-9_-]+$/.test(envName)) throw new PackageError(`invalid environment name "${envName}"`);
  const appDir = options.appDir ?? path.join(ROOT, 'appPackage');
  const envDir = options.envDir ?? path.join(ROOT, 'env');
  const outDir = options.outDir ?? path.join(appDir, 'build');

  const envFile = path.join(envDir, `.env.${envName}`);
  if (!existsSync(envFile)) {
    const known = existsSync(envDir)
      ? readdirSync(envDir, { withFileTypes: true })
          .filter((f) => f.isFile() && /^\.env\.[^.]+$/.test(f.name))
          .map((f) => f.name.slice(5))
      : [];
    throw new PackageError(
      `no ${path.relative(process.cwd(), envFile) || envFile}; environments: ${known.join(', ') || 'none'}`,
    );
  }
  // An empty id means "not provisioned yet": only the name suffix may be empty.
  const vars = Object.fromEntries(
    Object.entries(parseEnvFile(readFileSync(envFile, 'utf8'), `.env.${envName}`)).filter(
      ([name, value]) => value !== '' || MAY_BE_EMPTY.has(name),
    ),
  );

  const missing = new Map<string, string[]>(); // variable → files using it
  const filledJson = (file: string): { text: string; json: Record<string, unknown> } => {
    const source = path.join(appDir, file);
    if (!existsSync(source)) throw new PackageError(`${file} is missing from ${appDir}`);
    const result = fillPlaceholders(readFileSync(source, 'utf8'), vars);
    for (const name of result.missing) missing.set(name, [...(missing.get(name) ?? []), file]);
    let json: unknown;
    try {
      json = JSON.parse(result.text);
    } catch (e) {
      throw new PackageError(`${file} is not valid JSON after filling placeholders: ${(e as Error).message}`);
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json))
      throw new PackageError(`${file} must hold a JSON object`);
    return { text: result.text, json: json as Record<string, unknown> };
  };

  const manifest = filledJson('manifest.json');
  const localized = localizationFiles(manifest.json).map((file) => ({ file, ...filledJson(file) }));

  if (missing.size) {
    const list = [...missing]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, files]) => `  ${name} (used in ${files.join(', ')})`)
      .join('\n');
    throw new PackageError(
      `variables missing or empty in .env.${envName}:\n${list}\nRun \`atk provision --env ${envName}\` (it writes them), or fill them in by hand.`,
    );
  }
  const texts = [{ file: 'manifest.json', text: manifest.text }, ...localized];
  const leftovers = texts.flatMap(({ file, text }) => remainingPlaceholders(text).map((p) => `  ${file}: ${p}`));
  if (leftovers.length) throw new PackageError(`placeholders left after filling:\n${leftovers.join('\n')}`);

  const icons = manifest.json['icons'] as Record<string, unknown> | undefined;
  if (!icons) throw new PackageError('manifest.json: icons are missing');
  const iconFiles = Object.entries(icons).map(([key, value]) => rootFileName(value, `icons.${key}`));

  const zip = new AdmZip();
  const files: string[] = [];
  const add = (name: string, content: Buffer) => {
    if (files.includes(name)) return;
    zip.addFile(name, content);
    files.push(name);
  };
  add('manifest.json', Buffer.from(manifest.text, 'utf8'));
  for (const icon of iconFiles) {
    const source = path.join(appDir, icon);
    if (!existsSync(source))
      throw new PackageError(`${icon} is missing from ${appDir} (npx tsx scripts/makeIcons.ts draws the icons)`);
    add(icon, readFileSync(source));
  }
  for (const l of localized) add(l.file, Buffer.from(l.text, 'utf8'));

  mkdirSync(outDir, { recursive: true });
  const zipPath = path.join(outDir, `appPackage.${envName}.zip`);
  zip.writeZip(zipPath);
  return { zipPath, files, manifest: manifest.json };
}

if (require.main === module) {
  try {
    const result = packageApp({ envName: process.argv[2] ?? 'dev' });
    console.log(`Wrote ${path.relative(process.cwd(), result.zipPath)}: ${result.files.join(', ')}`);
  } catch (e) {
    if (!(e instanceof PackageError)) throw e;
    console.error(`Packaging failed: ${e.message}`);
    process.exitCode = 1;
  }
}
