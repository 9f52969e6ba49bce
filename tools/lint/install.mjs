// Installs this folder's packages (npm ci) when they are missing or older than its package-lock.json,
// so `npm run lint` and `npm run format` work in a fresh clone and after a dependency change.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const stamp = path.join(here, 'node_modules', '.installed-from');
const lock = createHash('sha256')
  .update(readFileSync(path.join(here, 'package-lock.json')))
  .digest('hex');

if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== lock) {
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel', 'error'], { cwd: here, stdio: 'inherit' });
  writeFileSync(stamp, lock);
}
