// Serves the built tab's files as the build compressed them (tab/vite.config.mts writes a .br and a .gz
// beside each): brotli or gzip as the browser accepts, the file itself otherwise, never compressed per
// request. Responses say `Vary: Accept-Encoding`, so a cache keeps one copy per encoding.
import { statSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { NextFunction, Request, Response } from 'express';

const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/** The codings an Accept-Encoding header allows (q > 0), `*` standing for any coding not named. */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const quality = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (!coding) continue;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    quality.set(coding, q === undefined ? 1 : Number(q));
  }
  const accepted = new Set<string>();
  for (const { name } of ENCODINGS) {
    const q = quality.get(name) ?? quality.get('*') ?? 0;
    if (q > 0) accepted.add(name);
  }
  return accepted;
}

export interface PrecompressedOptions {
  /** Cache-Control for every response of this file. */
  cacheControl: string;
}

/**
 * Sends `file` (an absolute path), or its precompressed sibling when the request accepts that encoding:
 * brotli first (smaller), then gzip. Calls next() when the file does not exist.
 */
export function sendPrecompressed(
  req: Request,
  res: Response,
  next: NextFunction,
  file: string,
  options: PrecompressedOptions,
): void {
  if (!statOf(file)) {
    next();
    return;
  }
  const accepted = acceptedEncodings(req.get('accept-encoding'));
  const encoding = ENCODINGS.find((e) => accepted.has(e.name) && statOf(file + e.suffix));
  const sent = encoding ? file + encoding.suffix : file;
  const stat = statOf(sent)!;
  res.vary('Accept-Encoding');
  // The type of the file itself, not of the .br or .gz it is sent as.
  res.type(path.extname(file));
  const headers: Record<string, string> = {
    'Cache-Control': options.cacheControl,
    // The app turns Express's ETags off (the API sets its own): one per file sent, so each encoding has its
    // own and `no-cache` revalidates with a 304.
    ETag: `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`,
  };
  if (encoding) headers['Content-Encoding'] = encoding.name;
  res.sendFile(sent, { headers, cacheControl: false, lastModified: true, dotfiles: 'deny' }, (error) => {
    if (error && !res.headersSent) next(error);
  });
}

/** Middleware for a folder of files (GET and HEAD), each sent as sendPrecompressed does. */
export function precompressedFolder(root: string, options: PrecompressedOptions) {
  const base = path.resolve(root);
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      next();
      return;
    }
    let relative: string;
    try {
      relative = decodeURIComponent(req.path);
    } catch {
      next();
      return;
    }
    const file = path.resolve(base, `.${path.posix.normalize(`/${relative}`)}`);
    if (!file.startsWith(base + path.sep)) {
      next();
      return;
    }
    sendPrecompressed(req, res, next, file, options);
  };
}

function statOf(file: string): Stats | undefined {
  const stat = statSync(file, { throwIfNoEntry: false });
  return stat?.isFile() ? stat : undefined;
}
