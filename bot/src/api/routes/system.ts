// Health, development sign-in and the OpenAPI document: the routes that need no user token.
import { z } from 'zod';
import { DEMO_USERS } from '../../commands/demoSeeder';
import { notFound } from '../../domain/errors';
import { LIMITS } from '../../domain/limits';
import { assertLocalRequest } from '../middleware/localRequest';
import { devTokenSchema, devUsersSchema, healthSchema } from '../responses';
import { defineRoute, type RouteDefinition } from '../route';
import { id } from '../schemas';

const devTokenBody = z.object({
  userId: id,
  name: z.string().trim().min(1).max(LIMITS.nameLength),
  email: z.email().max(320).optional(),
  tenantId: z.uuid().optional(),
  roles: z
    .array(z.string().regex(/^[A-Za-z][A-Za-z0-9.]{0,63}$/))
    .max(10)
    .optional(),
});

export const systemRoutes: RouteDefinition[] = [
  defineRoute({
    method: 'get',
    path: '/api/health',
    tag: 'System',
    auth: 'public',
    summary: 'Liveness and store reachability',
    responses: {
      200: { description: 'Healthy', schema: healthSchema },
      503: { description: 'Store unreachable', schema: healthSchema },
    },
    async handle({ services: { store }, res }) {
      const healthy = await store.isHealthy();
      if (!healthy) res.set('Retry-After', '5');
      return {
        status: healthy ? 200 : 503,
        body: { status: healthy ? ('ok' as const) : ('unavailable' as const), store: store.kind },
      };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/dev/users',
    tag: 'System',
    auth: 'public',
    summary:
      'Development sign-in only (404 otherwise; 403 unless the request comes from this machine): the demo users the tab offers to sign in as',
    responses: {
      200: { description: 'The demo users', schema: devUsersSchema },
      403: { description: 'Not a loopback Host, or forwarded by a proxy' },
      404: { description: 'Not in development sign-in mode' },
    },
    async handle({ services: { config, devSignIn }, req }) {
      if (!devSignIn) throw notFound('route');
      assertLocalRequest(req);
      return {
        body: {
          users: config.seedDemoData
            ? DEMO_USERS.map(({ userId, name, roles }) => ({ userId, name, roles: [...roles] }))
            : [],
        },
      };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/api/dev/token',
    tag: 'System',
    auth: 'public',
    body: devTokenBody,
    summary:
      'Development sign-in only (404 otherwise; 403 unless the request comes from this machine): an RS256 token checked by the same validator as Entra tokens',
    responses: {
      200: { description: 'A token', schema: devTokenSchema },
      403: { description: 'Not a loopback Host, or forwarded by a proxy' },
      404: { description: 'Not in development sign-in mode' },
    },
    async handle({ body, services: { devSignIn }, req }) {
      if (!devSignIn) throw notFound('route');
      assertLocalRequest(req);
      return { body: { token: await devSignIn.mint(body), tokenType: 'Bearer' as const, expiresIn: 8 * 3600 } };
    },
  }),
];
