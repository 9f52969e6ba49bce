// Builds the real app (createApp) on a real embedded Cosmos DB server, one database per app.
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import request from 'supertest';
import { createApp, type App, type AppOptions } from '../../bot/src/app';
import { loadConfig, type Config, type Env } from '../../bot/src/config';
import { DEV_TENANT_ID } from '../../bot/src/domain/limits';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../bot/src/store/database';

export interface TestApp extends App {
  embedded: EmbeddedCosmos;
  /** A development sign-in token, minted by the app itself and checked by the same validator as Entra tokens. */
  tokenFor(user: TestUser): Promise<string>;
  stop(): Promise<void>;
}

export interface TestUser {
  userId: string;
  name?: string;
  tenantId?: string;
  roles?: string[];
}

export const OTHER_TENANT_ID = '0e0e0e0e-0000-4000-8000-000000000002';

/** What the environment cannot say: configuration objects (e.g. a Graph credential) and app options (fakes' HTTP clients). */
export interface TestAppExtras {
  configure?: (config: Config) => void;
  options?: Omit<AppOptions, 'embedded' | 'logger'>;
}

export async function buildTestApp(
  env: Partial<Record<keyof Env, string>> = {},
  embedded?: EmbeddedCosmos,
  extras: TestAppExtras = {},
): Promise<TestApp> {
  const cosmos = embedded ?? (await startEmbeddedCosmos());
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SEED_DEMO_DATA: 'false',
    COSMOS_DATABASE: `test-${randomUUID()}`,
    COSMOS_TIMEOUT_MS: '5000',
    // Every test request comes from 127.0.0.1; tests of the per-address limit set their own.
    RATE_LIMIT_PER_IP_PER_MINUTE: '10000000',
    ...env,
  });
  extras.configure?.(config);
  const built = await createApp(config, { ...extras.options, embedded: cosmos, logger: pino({ level: 'silent' }) });
  return {
    ...built,
    embedded: cosmos,
    async tokenFor(user) {
      const res = await request(built.app)
        .post('/api/dev/token')
        .send({
          userId: user.userId,
          name: user.name ?? user.userId,
          tenantId: user.tenantId ?? DEV_TENANT_ID,
          roles: user.roles ?? [],
        });
      if (res.status !== 200) throw new Error(`dev token failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.token as string;
    },
    async stop() {
      await built.close();
      if (!embedded) await cosmos.stop();
    },
  };
}
