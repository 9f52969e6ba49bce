// `npm install` on the Node this runs on warns about no package's engines (a dev tool that wanted Node 22 once
// printed 345 EBADENGINE warnings on Node 20). npm's own check, in a dry run from the lockfiles: nothing is written.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './infraText';

jest.setTimeout(60_000);

const run = promisify(execFile);

test.each(['.', 'tools/lint'])('npm install in %s prints no engine warning', async (folder) => {
  const { stdout, stderr } = await run(
    'npm',
    ['install', '--dry-run', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel', 'warn'],
    { cwd: path.join(ROOT, folder), maxBuffer: 16 * 1024 * 1024 },
  );
  expect(`${stdout}\n${stderr}`).not.toMatch(/EBADENGINE/);
});
