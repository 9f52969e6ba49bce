// The route runner: mounts each route definition on Express behind its guards, then validates the path,
// body and query, reads If-Match and Idempotency-Key, runs the handler (once per key, across instances)
// and answers with its status, body and ETag, and (outside production) what it cost the store.
import type { Express, Request, RequestHandler, Response } from 'express';
import { idempotently } from '../commands/idempotentRequest';
import { withStoreMetrics } from '../store/metrics';
import { toHttpEtag } from './presenters';
import { parseOrThrow, readIdempotencyKey, readIfMatch, type RouteDefinition, type RouteResult } from './route';
import type { Services } from './services';

/** What runs before a route's handler, by the route's `auth`: a signed-in user, or the timed jobs' secret. */
export interface RouteGuards {
  user: RequestHandler[];
  jobs: RequestHandler[];
}

export function mountRoutes(
  app: Express,
  routes: readonly RouteDefinition[],
  services: Services,
  guards: RouteGuards,
): void {
  for (const route of routes) {
    const before = route.auth === 'user' ? guards.user : route.auth === 'jobs' ? guards.jobs : [];
    app[route.method](route.path, ...before, runRoute(route, services));
  }
}

/** One route's handler as Express middleware: auth has run; errors go to the one error handler (api/problem.ts). */
export function runRoute(route: RouteDefinition, services: Services) {
  return async (req: Request, res: Response) => {
    const params = route.params ? parseOrThrow(route.params, req.params, 'path') : undefined;
    const body = route.body ? parseOrThrow(route.body, req.body, 'body') : undefined;
    const query = route.query
      ? parseOrThrow(route.query, { ...(req.query as Record<string, unknown>) }, 'query')
      : undefined;
    const ifMatch = route.ifMatch ? readIfMatch(req) : '';
    const idempotencyKey = route.idempotent ? readIdempotencyKey(req) : undefined;
    const handle = () =>
      route.handle({
        caller: req.caller!,
        params,
        body,
        query,
        ifMatch,
        ...(idempotencyKey ? { idempotencyKey } : {}),
        services,
        req,
        res,
      });
    const run = () =>
      idempotencyKey
        ? idempotently(
            services.store,
            req.caller!,
            { key: idempotencyKey, method: req.method, path: req.path, body },
            handle,
          )
        : handle();
    if (!services.config.storeMetricsHeaders) return send(res, await run());
    const { metrics, result } = withStoreMetrics(run);
    const outcome = await result;
    res.set('X-Store-Round-Trips', String(metrics.roundTrips));
    res.set('X-Store-Request-Charge', metrics.requestCharge.toFixed(2));
    send(res, outcome);
  };
}

function send(res: Response, outcome: RouteResult): void {
  const etag = toHttpEtag(outcome.etag);
  if (etag) res.set('ETag', etag);
  res.status(outcome.status ?? 200);
  if (outcome.json === undefined) res.json(outcome.body ?? null);
  else res.type('json').send(outcome.json);
}
