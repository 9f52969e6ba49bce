// The import rules of STYLE.md, kept by the linter (eslint.config.mjs): each rule is shown a snippet
// that breaks it, under a file name where it applies, and one that keeps it. Removing or loosening a
// rule fails its case here. ESLint runs once, in a child process (tools/lint/lintSnippets.mjs).
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

interface Snippet {
  name: string;
  filePath: string;
  code: string;
  /** The rule that must report it; none for a snippet that keeps the rules. */
  rule?: string;
}

const LAYERS = 'layers/floors';
const PACKAGES = '@typescript-eslint/no-restricted-imports';
const ENV = 'no-restricted-properties';

const snippets: Snippet[] = [
  // botbuilder only in bot/src/teams/
  {
    name: 'botbuilder outside teams/',
    filePath: 'bot/src/commands/x.ts',
    code: "import { TurnContext } from 'botbuilder';\nexport type T = TurnContext;\n",
    rule: PACKAGES,
  },
  {
    name: 'botframework-connector outside teams/',
    filePath: 'bot/src/jobs/x.ts',
    code: "import { ConnectorClient } from 'botframework-connector';\nexport type T = ConnectorClient;\n",
    rule: PACKAGES,
  },
  {
    name: 'botbuilder in teams/',
    filePath: 'bot/src/teams/x.ts',
    code: "import { TurnContext } from 'botbuilder';\nexport type T = TurnContext;\n",
  },
  // @azure/cosmos only in bot/src/store/
  {
    name: '@azure/cosmos outside store/',
    filePath: 'bot/src/api/x.ts',
    code: "import { CosmosClient } from '@azure/cosmos';\nexport type T = CosmosClient;\n",
    rule: PACKAGES,
  },
  {
    name: '@azure/cosmos in teams/',
    filePath: 'bot/src/teams/x.ts',
    code: "import { CosmosClient } from '@azure/cosmos';\nexport type T = CosmosClient;\n",
    rule: PACKAGES,
  },
  {
    name: '@azure/cosmos in store/',
    filePath: 'bot/src/store/x.ts',
    code: "import { CosmosClient } from '@azure/cosmos';\nexport type T = CosmosClient;\n",
  },
  // process.env read only in bot/src/config.ts
  {
    name: 'process.env outside config.ts',
    filePath: 'bot/src/jobs/x.ts',
    code: 'export const port = process.env.PORT;\n',
    rule: ENV,
  },
  {
    name: 'process.env destructured',
    filePath: 'bot/src/api/x.ts',
    code: 'const { env } = process;\nexport const port = env.PORT;\n',
    rule: ENV,
  },
  {
    name: 'env imported from node:process',
    filePath: 'bot/src/store/x.ts',
    code: "import { env } from 'node:process';\nexport const port = env.PORT;\n",
    rule: 'no-restricted-imports',
  },
  {
    name: 'process.env in the tab',
    filePath: 'tab/src/x.ts',
    code: 'export const mode = process.env.NODE_ENV;\n',
    rule: ENV,
  },
  { name: 'process.env in config.ts', filePath: 'bot/src/config.ts', code: 'export const port = process.env.PORT;\n' },
  { name: 'process.env in a test', filePath: 'test/x.test.ts', code: 'export const port = process.env.PORT;\n' },
  // the floors: no import runs back up
  {
    name: 'domain imports the store',
    filePath: 'bot/src/domain/x.ts',
    code: "import { CONTAINERS } from '../store/database';\nexport const c = CONTAINERS;\n",
    rule: LAYERS,
  },
  {
    name: 'domain (nested) imports policies',
    filePath: 'bot/src/domain/sensitive/x.ts',
    code: "export { can } from '../../policies';\n",
    rule: LAYERS,
  },
  {
    name: 'store imports the api',
    filePath: 'bot/src/store/x.ts',
    code: "import type { RouteDefinition } from '../api/route';\nexport type R = RouteDefinition;\n",
    rule: LAYERS,
  },
  {
    name: 'policies import commands',
    filePath: 'bot/src/policies/x.ts',
    code: "export * from '../commands/pairCreator';\n",
    rule: LAYERS,
  },
  {
    name: 'commands import the api',
    filePath: 'bot/src/commands/x.ts',
    code: "export const load = () => import('../api/problem');\n",
    rule: LAYERS,
  },
  {
    name: 'jobs import teams',
    filePath: 'bot/src/jobs/x.ts',
    code: "import { bot } from '../teams/bot';\nexport const b = bot;\n",
    rule: LAYERS,
  },
  {
    name: 'api imports teams',
    filePath: 'bot/src/api/routes/x.ts',
    code: "import { bot } from '../../teams/bot';\nexport const b = bot;\n",
    rule: LAYERS,
  },
  {
    name: 'a folder on no floor',
    filePath: 'bot/src/helpers/x.ts',
    code: "import { LIMITS } from '../domain/limits';\nexport const l = LIMITS;\n",
    rule: LAYERS,
  },
  {
    name: 'imports down the floors',
    filePath: 'bot/src/api/routes/x.ts',
    code: "import { LIMITS } from '../../domain/limits';\nimport { can } from '../../policies';\nimport { route } from '../route';\nexport const all = [LIMITS, can, route];\n",
  },
  {
    name: 'domain imports domain',
    filePath: 'bot/src/domain/sensitive/x.ts',
    code: "import { LIMITS } from '../limits';\nexport const l = LIMITS;\n",
  },
  // the tab takes server code as types only, at run time only bot/src/domain
  {
    name: 'tab imports server code at run time',
    filePath: 'tab/src/api/x.ts',
    code: "import { meSchema } from '../../../bot/src/api/responses';\nexport const m = meSchema;\n",
    rule: PACKAGES,
  },
  {
    name: 'tab imports a command',
    filePath: 'tab/src/pages/Admin/x.ts',
    code: "export { pairCreator } from '../../../../bot/src/commands/pairCreator';\n",
    rule: PACKAGES,
  },
  {
    name: 'tab imports a server package',
    filePath: 'tab/src/x.ts',
    code: "import { CosmosClient } from '@azure/cosmos';\nexport type T = CosmosClient;\n",
    rule: PACKAGES,
  },
  {
    name: 'tab imports server types and domain values',
    filePath: 'tab/src/api/x.ts',
    code: "import type { Me } from '../../../bot/src/api/responses';\nimport { LIMITS } from '../../../bot/src/domain/limits';\nexport type M = Me;\nexport const l = LIMITS;\n",
  },
];

let reported: Map<string, (string | null)[]>;

beforeAll(() => {
  execFileSync('node', ['tools/lint/install.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const out = execFileSync('node', ['tools/lint/lintSnippets.mjs'], {
    cwd: ROOT,
    input: JSON.stringify(snippets.map(({ filePath, code }) => ({ filePath, code }))),
    encoding: 'utf8',
  });
  const results = JSON.parse(out) as { messages: { ruleId: string | null }[] }[];
  reported = new Map(snippets.map((s, i) => [s.name, results[i]!.messages.map((m) => m.ruleId)]));
}, 180_000);

test.each(snippets.filter((s) => s.rule))('$name ($filePath) is reported by $rule', ({ name, rule }) => {
  expect(reported.get(name)).toEqual([rule]);
});

test.each(snippets.filter((s) => !s.rule))('$name ($filePath) passes', ({ name }) => {
  expect(reported.get(name)).toEqual([]);
});
