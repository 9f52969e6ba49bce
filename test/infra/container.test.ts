// Dockerfile and the two ignore files: the current Node LTS, non-root, port 3978, a health check on
// /api/health, and every file the running server reads is in the image and in the App Service zip.
// (image.test.ts builds and starts the image's tree.)
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, dockerfileInstructions, ignoredBy, read } from './infraText';

const { instructions, finalStage } = dockerfileInstructions();

/**
 * Paths the server resolves from its own source at run time (`path.resolve(__dirname, '…')` in
 * bot/src), as repository paths: the tab build, the admin guide, and whatever is added later.
 */
function runtimeFiles(): string[] {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else if (rel.endsWith('.ts')) {
        for (const m of readFileSync(path.join(ROOT, rel), 'utf8').matchAll(/path\.resolve\(__dirname,\s*'([^']+)'\)/g))
          found.add(path.posix.normalize(path.posix.join(dir, m[1]!)));
      }
    }
  };
  walk('bot/src');
  expect([...found]).toEqual(expect.arrayContaining(['tab/dist', 'docs/admin-guide.md']));
  return [...found];
}

describe('Dockerfile', () => {
  test('every stage is Node 26 (slim), the Active LTS line on 2026-12-02, which package.json allows', () => {
    const froms = instructions.filter((i) => i.op === 'FROM');
    expect(froms.length).toBeGreaterThan(0);
    for (const f of froms) expect(f.args).toMatch(/^node:26-slim(\s|$)/);
    const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
    expect(engines).toBe('>=20');
  });

  test('installs with npm ci, builds the tab and drops dev dependencies', () => {
    const runs = instructions.filter((i) => i.op === 'RUN').map((i) => i.args);
    expect(runs.some((r) => /\bnpm ci\b/.test(r))).toBe(true);
    expect(runs.some((r) => /\bnpm run build:tab\b/.test(r))).toBe(true);
    expect(runs.some((r) => /\bnpm prune --omit=dev\b/.test(r))).toBe(true);
  });

  test('runs as a non-root user, exposes 3978, checks /api/health and starts bot/src/index.ts through tsx', () => {
    const users = finalStage.filter((i) => i.op === 'USER');
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)!.args).not.toMatch(/^(root|0)(:|$)/);
    const cmdAt = finalStage.findIndex((i) => i.op === 'CMD');
    expect(finalStage.findIndex((i) => i.op === 'USER')).toBeLessThan(cmdAt);
    expect(finalStage.filter((i) => i.op === 'EXPOSE').map((i) => i.args)).toEqual(['3978']);
    expect(finalStage.find((i) => i.op === 'ENV')?.args).toMatch(/\bPORT=3978\b/);
    expect(finalStage.find((i) => i.op === 'ENV')?.args).toMatch(/\bNODE_ENV=production\b/);
    const health = finalStage.find((i) => i.op === 'HEALTHCHECK');
    expect(health?.args).toMatch(/\/api\/health/);
    const cmd = JSON.parse(finalStage[cmdAt]!.args) as string[];
    expect(cmd).toEqual(['node', '--max-semi-space-size=64', '--import', 'tsx', 'bot/src/index.ts']);
  });

  test('the final image holds every file the server reads at run time', () => {
    const copied = finalStage
      .filter((i) => i.op === 'COPY')
      .map((i) =>
        i.args
          .split(/\s+/)
          .filter((a) => !a.startsWith('--'))
          .slice(0, -1)
          .map((s) => s.replace(/^\/app\//, '')),
      );
    const sources = copied.flat();
    for (const needed of ['package.json', 'node_modules', 'bot', 'tsconfig.json', ...runtimeFiles()])
      expect({ needed, copied: sources.some((s) => needed === s || needed.startsWith(`${s}/`)) }).toEqual({
        needed,
        copied: true,
      });
  });
});

describe('.dockerignore', () => {
  const ignored = ignoredBy(read('.dockerignore'), 'dockerignore');

  test('keeps what the build needs', () => {
    for (const needed of [
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'bot/src/index.ts',
      'tab/src/main.tsx',
      'tab/index.html',
      'tab/vite.config.mts',
      'docs/admin-guide.md',
    ])
      expect({ needed, ignored: ignored(needed) }).toEqual({ needed, ignored: false });
  });

  test('leaves out dependencies, build output, tests, environments and git', () => {
    for (const left of [
      'node_modules/tsx/package.json',
      'tab/dist/index.html',
      'test/infra/bicep.test.ts',
      'env/.env.dev',
      '.env',
      '.git/HEAD',
      'appPackage/build/appPackage.dev.zip',
      'npm-debug.log',
    ])
      expect({ left, ignored: ignored(left) }).toEqual({ left, ignored: true });
  });
});

describe('infra/appservice.ignore (App Service zip)', () => {
  const ignored = ignoredBy(read('infra/appservice.ignore'), 'gitignore');

  test('keeps what the server needs at run time and what App Service installs from', () => {
    for (const needed of [
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'bot/src/index.ts',
      'bot/src/store/database.ts',
      'tab/dist/index.html',
      ...runtimeFiles(),
    ])
      expect({ needed, ignored: ignored(needed) }).toEqual({ needed, ignored: false });
  });

  test('leaves out node_modules (installed on Linux by App Service), tests, environments and git', () => {
    for (const left of [
      'node_modules/tsx/package.json',
      'test/infra/bicep.test.ts',
      'env/.env.dev',
      '.env',
      '.env.local',
      '.git/HEAD',
      'appPackage/build/appPackage.dev.zip',
      'tab/src/main.tsx',
      'infra/azure.bicep',
      'debug.log',
    ])
      expect({ left, ignored: ignored(left) }).toEqual({ left, ignored: true });
  });

  test('the matcher follows gitignore: unanchored names match at any depth, anchored ones only at the root', () => {
    const sample = ignoredBy('*.log\n/test/\nbuild/\n', 'gitignore');
    expect(sample('a/b/c.log')).toBe(true);
    expect(sample('test/x.ts')).toBe(true);
    expect(sample('bot/test/x.ts')).toBe(false);
    expect(sample('a/build/x.js')).toBe(true);
    expect(sample('build')).toBe(false); // a file named build: the pattern is for directories
    expect(ignoredBy('node_modules\n', 'dockerignore')('a/node_modules/x')).toBe(false);
  });
});
