// Express middleware: the bearer token becomes req.caller, or the request ends with 401.
import type { NextFunction, Request, Response } from 'express';
import { unauthorized } from '../../domain/errors';
import type { Caller } from '../../domain/model';
import { assertLocalRequest } from './localRequest';
import { cachedTokenVerifier, type TokenTrust } from './tokenVerifier';

declare module 'express-serve-static-core' {
  interface Request {
    caller?: Caller;
  }
}

/** `localOnly`: development sign-in, whose tokens are good only on this machine (a replay through a tunnel is refused). */
export function authenticate(trust: TokenTrust, { localOnly }: { localOnly: boolean }) {
  const verify = cachedTokenVerifier(trust);
  return async (req: Request, _res: Response, next: NextFunction) => {
    if (localOnly) assertLocalRequest(req);
    const header = req.headers.authorization ?? '';
    const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/i.exec(header);
    if (!match?.[1]) return next(unauthorized('Send an Authorization: Bearer <token> header.'));
    req.caller = await verify(match[1]);
    next();
  };
}

export function callerOf(req: Request): Caller {
  if (!req.caller) throw unauthorized();
  return req.caller;
}
