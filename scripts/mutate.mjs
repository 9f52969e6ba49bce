// npm run mutate: runs Stryker with stryker.config.mjs. Stryker 10's command line refuses Node < 22 before
// it starts; its engine runs on this project's Node 20 (checked: dry run, instrumenting and the jest runner),
// so this calls it directly, skipping only that start-up check.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const core = path.dirname(createRequire(import.meta.url).resolve('@stryker-mutator/core'));
const { Stryker } = await import(pathToFileURL(path.join(core, 'stryker.js')).href);
await new Stryker({}).runMutationTest();
