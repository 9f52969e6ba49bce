// Lints snippets as if they were files of the repository (ESLint's Node API, the root configuration):
// reads [{ filePath, code }] as JSON on stdin, writes [{ filePath, messages: [{ ruleId, message }] }].
// test/lint/importRules.test.ts runs it in a child process (ESLint loads its configuration as an ES
// module, which jest's module system does not).
import { ESLint } from 'eslint';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const snippets = JSON.parse(readFileSync(0, 'utf8'));
const eslint = new ESLint({ cwd: root });
const results = [];
for (const { filePath, code } of snippets) {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  results.push({ filePath, messages: result.messages.map(({ ruleId, message }) => ({ ruleId, message })) });
}
process.stdout.write(JSON.stringify(results));
