// Express middleware for timed-work routes: `Authorization: Bearer <JOBS_SECRET>` (what an Azure timer
// sends), or, in development sign-in mode only, a user token carrying the ProgramAdmin role.
import { timingSafeEqual, createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { forbidden, unauthorized } from '../../domain/errors';
import { PROGRAM_ADMIN_ROLE } from '../../domain/model';
import { assertLocalRequest } from './localRequest';
import { verifyAccessToken, type TokenTrust } from './tokenVerifier';

const digest = (value: string) => createHash('sha256').update(value).digest();

export function authenticateJobs(jobsSecret: string | undefined, devTrust: TokenTrust | undefined) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/i.exec(req.headers.authorization ?? '');
    if (!match?.[1]) return next(unauthorized('Send Authorization: Bearer <JOBS_SECRET>.'));
    // Compared as digests: equal length, constant time.
    if (jobsSecret && timingSafeEqual(digest(match[1]), digest(jobsSecret))) return next();
    if (!devTrust) return next(unauthorized('The jobs secret is not valid.'));
    assertLocalRequest(req);
    req.caller = await verifyAccessToken(match[1], devTrust);
    if (!req.caller.roles.includes(PROGRAM_ADMIN_ROLE))
      return next(forbidden('Running timed work needs the jobs secret or, in development, the ProgramAdmin role.'));
    next();
  };
}
