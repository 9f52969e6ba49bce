// Development sign-in hands out tokens to whoever asks, so it answers only requests made on this machine.
// Listening on loopback is not enough: a tunnel forwards to loopback, and DNS rebinding points a hostile
// name at 127.0.0.1. Both show in the request: forwarding headers, or a Host that is not a loopback name.
import { isIPv4 } from 'node:net';
import type { Request } from 'express';
import { forbidden } from '../../domain/errors';

const HOST_WITH_PORT = /^(?<name>\[[^\]]*\]|[^:]*)(?::\d{1,5})?$/;

function isLoopbackName(name: string): boolean {
  const lower = name.toLowerCase();
  return lower === 'localhost' || lower === '[::1]' || (isIPv4(lower) && lower.startsWith('127.'));
}

/** Throws 403 unless the request came straight from this machine: a loopback Host and no proxy headers. */
export function assertLocalRequest(req: Request): void {
  const forwarding = Object.keys(req.headers).find((name) => name === 'forwarded' || name.startsWith('x-forwarded-'));
  if (forwarding)
    throw forbidden(
      `Development sign-in answers only requests made on this machine; this one was forwarded by a proxy or tunnel (${forwarding} header). Configure Entra ID sign-in (ENTRA_CLIENT_ID) to serve other machines.`,
    );
  const host = req.headers.host ?? '';
  const name = HOST_WITH_PORT.exec(host)?.groups?.name ?? '';
  if (!isLoopbackName(name))
    throw forbidden(
      `Development sign-in answers only requests made on this machine; the Host ${JSON.stringify(host.slice(0, 100))} is not localhost, 127.0.0.0/8 or [::1]. Open the app at http://localhost:<port>, or configure Entra ID sign-in (ENTRA_CLIENT_ID).`,
    );
}
