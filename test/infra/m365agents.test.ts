// m365agents.yml: parses, has the lifecycle the issue asks for, uses each action with the inputs the
// Agents Toolkit's v1.x schema allows, references files that exist, and never uses a variable
// before an earlier action (or the environment file) has set it.
import Ajv from 'ajv';
import { parse } from 'yaml';
import { bicepOutputs, exists, placeholders, read } from './infraText';

interface Action {
  uses: string;
  name?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  writeToEnvironmentFile?: Record<string, string>;
}
interface ProjectFile {
  version: string;
  environmentFolderPath?: string;
  provision: Action[];
  deploy: Action[];
  publish: Action[];
}

const project = parse(read('m365agents.yml')) as ProjectFile;

/**
 * The toolkit's own JSON schema of this file, v1.13, as @microsoft/teamsfx-core 3.1.3 (inside
 * @microsoft/m365agentstoolkit-cli 1.1.17) ships it at resource/yaml-schema/v1.13/yaml.schema.json
 * (MIT licence; vendored, see schemas/README.md). Each action is checked against the definition whose
 * `uses` it names, so a failure says which action and which input.
 */
const schema = JSON.parse(read('test/infra/schemas/m365agents.v1.13.yaml.schema.json')) as {
  properties: { version: { const: string } };
  definitions: Record<
    string,
    { properties?: { uses?: { const?: string } }; oneOf?: unknown[]; allOf?: Array<{ $ref: string }> }
  >;
};
const ajv = new Ajv({ strict: false, allErrors: true });
const validateProject = ajv.compile(schema);
/**
 * The definition for each `uses`: the one whose `uses` const it is, or, where variants extend that base
 * (aadApp/create with and without a secret), the definition that is one of those variants.
 */
function definitionFor(uses: string): string | undefined {
  const defs = schema.definitions;
  const refersTo = (value: unknown, name: string) => JSON.stringify(value ?? []).includes(`"#/definitions/${name}"`);
  const base = Object.keys(defs).filter((name) => defs[name]!.properties?.uses?.const === uses);
  if (base.length !== 1) return undefined;
  const variants = Object.keys(defs).filter((name) => refersTo(defs[name]!.allOf, base[0]!));
  if (variants.length === 0) return base[0];
  return Object.keys(defs).find((name) => variants.every((v) => refersTo(defs[name]!.oneOf, v)));
}
const validatorFor = (definition: string) => ajv.compile({ $ref: `schema.json#/definitions/${definition}` });
ajv.addSchema(schema, 'schema.json');

const PACKAGE = './appPackage/build/appPackage.${{TEAMSFX_ENV}}.zip';
const stages = ['provision', 'deploy', 'publish'] as const;
const uses = (actions: Action[]) => actions.map((a) => a.uses);
const file = (p: unknown) => String(p).replace(/^\.\//, '');

test("parses as YAML, names the schema version it is checked against, and validates against the toolkit's schema", () => {
  expect(project.version).toBe(schema.properties.version.const);
  expect(read('m365agents.yml')).toContain(
    `$schema=https://aka.ms/m365-agents-toolkits/${project.version}/yaml.schema.json`,
  );
  expect(project.environmentFolderPath).toBe('./env');
  expect(Object.keys(project).sort()).toEqual(['deploy', 'environmentFolderPath', 'provision', 'publish', 'version']);
  for (const stage of stages) expect(project[stage].length).toBeGreaterThan(0);
  expect({ valid: validateProject(project), errors: validateProject.errors ?? null }).toEqual({
    valid: true,
    errors: null,
  });
});

test('every action is a known one, used with the inputs its schema definition allows and requires', () => {
  for (const stage of stages) {
    for (const action of project[stage]) {
      const definition = definitionFor(action.uses);
      expect({ stage, uses: action.uses, known: definition !== undefined }).toEqual({
        stage,
        uses: action.uses,
        known: true,
      });
      const validate = validatorFor(definition!);
      const valid = validate(action);
      expect({
        stage,
        uses: action.uses,
        errors: valid ? [] : validate.errors!.map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`),
      }).toEqual({ stage, uses: action.uses, errors: [] });
      for (const variable of Object.values(action.writeToEnvironmentFile ?? {}))
        expect(variable).toMatch(/^[A-Z_][A-Z0-9_]*$/);
    }
  }
});

test('the schema check is not vacuous: it refuses an unknown input and a missing required one', () => {
  const arm = project.provision.find((a) => a.uses === 'arm/deploy')!;
  const validate = validatorFor(definitionFor('arm/deploy')!);
  expect(validate(arm)).toBe(true);
  expect(validate({ ...arm, with: { ...arm.with, bicepVersion: 'v0.47.16' } })).toBe(false);
  const { templates: _, ...withoutTemplates } = arm.with!;
  expect(validate({ ...arm, with: withoutTemplates })).toBe(false);
  // aadApp/create without a secret may not write one.
  const aad = project.provision.find((a) => a.uses === 'aadApp/create')!;
  expect(
    validatorFor(definitionFor('aadApp/create')!)({
      ...aad,
      writeToEnvironmentFile: { ...aad.writeToEnvironmentFile, clientSecret: 'SECRET_AAD_APP_CLIENT_SECRET' },
    }),
  ).toBe(false);
});

test('a current Bicep compiler: the version arm/deploy downloads', () => {
  const arm = project.provision.find((a) => a.uses === 'arm/deploy')!;
  const [major, minor] = String(arm.with?.bicepCliVersion).replace(/^v/, '').split('.').map(Number);
  expect(major).toBe(0);
  // v0.47 (September 2026) or later: extension and type syntax of today's Bicep, not 2022's v0.9.
  expect(minor).toBeGreaterThanOrEqual(47);
});

test('provision: Teams app, Entra app, Azure resources, Entra manifest, then the validated package', () => {
  const order = uses(project.provision);
  const expected = [
    'cli/runNpmCommand',
    'teamsApp/create',
    'aadApp/create',
    'arm/deploy',
    'aadApp/update',
    'script',
    'teamsApp/validateManifest',
    'teamsApp/zipAppPackage',
    'teamsApp/validateAppPackage',
    'teamsApp/update',
  ];
  expect(order).toEqual(expected);
  const aad = project.provision.find((a) => a.uses === 'aadApp/create')!;
  expect(aad.with).toEqual(
    expect.objectContaining({
      generateClientSecret: false,
      signInAudience: 'AzureADMyOrg',
      generateServicePrincipal: true,
    }),
  );
  expect(aad.writeToEnvironmentFile).toEqual(
    expect.objectContaining({
      clientId: 'AAD_APP_CLIENT_ID',
      objectId: 'AAD_APP_OBJECT_ID',
      tenantId: 'AAD_APP_TENANT_ID',
    }),
  );
  expect(project.provision.find((a) => a.uses === 'teamsApp/create')!.writeToEnvironmentFile).toEqual({
    teamsAppId: 'TEAMS_APP_ID',
  });
  const arm = project.provision.find((a) => a.uses === 'arm/deploy')!;
  expect(arm.with?.templates).toEqual([
    expect.objectContaining({ path: './infra/azure.bicep', parameters: './infra/azure.parameters.json' }),
  ]);
  expect(project.provision.find((a) => a.uses === 'aadApp/update')!.with?.manifestPath).toBe('./aad.manifest.json');
  // The federated credential: after the Entra app and the identity exist, with the ids they wrote.
  const federate = project.provision.find((a) => a.uses === 'script')!;
  expect(federate.with?.run).toBe(
    'node --import tsx scripts/entraAccess.ts federate --app-id ${{AAD_APP_CLIENT_ID}} --tenant-id ${{AAD_APP_TENANT_ID}} --identity-principal-id ${{AZURE_IDENTITY_PRINCIPAL_ID}}',
  );
  expect(exists('scripts/entraAccess.ts')).toBe(true);
  expect(bicepOutputs(read('infra/azure.bicep'))).toContain('AZURE_IDENTITY_PRINCIPAL_ID');
  const zip = project.provision.find((a) => a.uses === 'teamsApp/zipAppPackage')!;
  expect(zip.with).toEqual({
    manifestPath: './appPackage/manifest.json',
    outputZipPath: PACKAGE,
    outputFolder: './appPackage/build',
  });
});

test('deploy: npm install, build the tab, zip-deploy to the App Service from the Bicep outputs', () => {
  const [install, build, zip, ...rest] = project.deploy;
  expect(rest).toEqual([]);
  expect(install?.uses).toBe('cli/runNpmCommand');
  expect(String(install?.with?.args)).toMatch(/^(ci|install)\b/);
  expect(build?.uses).toBe('cli/runNpmCommand');
  expect(build?.with?.args).toBe('run build:tab');
  const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
  expect(scripts['build:tab']).toEqual(expect.any(String));
  expect(zip?.uses).toBe('azureAppService/zipDeploy');
  expect(zip?.with).toEqual(
    expect.objectContaining({ artifactFolder: '.', resourceId: '${{AZURE_APP_SERVICE_RESOURCE_ID}}' }),
  );
  expect(bicepOutputs(read('infra/azure.bicep'))).toContain('AZURE_APP_SERVICE_RESOURCE_ID');
});

test('publish: rebuild and validate the package, then submit it to the organisation catalogue', () => {
  expect(uses(project.publish)).toEqual([
    'teamsApp/validateManifest',
    'teamsApp/zipAppPackage',
    'teamsApp/validateAppPackage',
    'teamsApp/update',
    'teamsApp/publishAppPackage',
  ]);
  for (const action of project.publish.filter((a) => a.with && 'appPackagePath' in a.with))
    expect(action.with?.appPackagePath).toBe(PACKAGE);
});

test('references files that exist', () => {
  const referenced = new Set<string>();
  for (const stage of stages) {
    for (const action of project[stage]) {
      const w = action.with ?? {};
      for (const key of ['manifestPath', 'ignoreFile']) if (key in w) referenced.add(file(w[key]));
      if (action.uses === 'arm/deploy') {
        for (const t of w.templates as Array<{ path: string; parameters?: string }>) {
          referenced.add(file(t.path));
          if (t.parameters) referenced.add(file(t.parameters));
        }
      }
    }
  }
  expect([...referenced].sort()).toEqual(
    [
      'aad.manifest.json',
      'appPackage/manifest.json',
      'infra/appservice.ignore',
      'infra/azure.bicep',
      'infra/azure.parameters.json',
    ].sort(),
  );
  for (const f of referenced) expect({ file: f, exists: exists(f) }).toEqual({ file: f, exists: true });
});

test('no variable is used before an action or the environment file sets it', () => {
  // Set by the toolkit itself, or by env/.env.<env> (written by hand, not by an action).
  const known = new Set(['TEAMSFX_ENV', 'AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME', 'APP_NAME_SUFFIX']);
  const unset = (text: string, where: string, also: string[] = []) =>
    placeholders(text)
      .filter((v) => !known.has(v) && !also.includes(v))
      .map((v) => `${where}: ${v}`);
  const problems: string[] = [];
  for (const stage of stages) {
    for (const action of project[stage]) {
      problems.push(...unset(JSON.stringify(action), `${stage} ${action.uses}`));
      if (action.uses === 'arm/deploy') {
        for (const t of action.with!.templates as Array<{ path: string; parameters: string }>) {
          problems.push(...unset(read(file(t.parameters)), t.parameters));
          for (const output of bicepOutputs(read(file(t.path)))) known.add(output);
        }
      }
      // aadApp/update generates the scope id itself when it is empty.
      if (action.uses === 'aadApp/update')
        problems.push(
          ...unset(read(file(action.with!.manifestPath)), 'aad.manifest.json', [
            'AAD_APP_ACCESS_AS_USER_PERMISSION_ID',
          ]),
        );
      for (const variable of Object.values(action.writeToEnvironmentFile ?? {})) known.add(variable);
      // The variables shared with the Teams manifest are all set before the package is built.
      if (action.uses === 'teamsApp/zipAppPackage') {
        for (const shared of [
          'TEAMS_APP_ID',
          'AAD_APP_CLIENT_ID',
          'BOT_ID',
          'TAB_DOMAIN',
          'TAB_ENDPOINT',
          'APP_NAME_SUFFIX',
        ])
          expect(known).toContain(shared);
        problems.push(...unset(read(file(action.with!.manifestPath)), 'appPackage/manifest.json'));
      }
    }
  }
  expect(problems).toEqual([]);
});
