// How the built tab is served: precompressed brotli or gzip as the request accepts, the file itself
// otherwise; hashed assets cached for a year, the page revalidated; nothing outside the build folder.
// Needs the built tab (`npm run build:tab`; npm test builds it first).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import request from 'supertest';
import { acceptedEncodings } from '../../bot/src/api/precompressed';
import { buildTestApp, type TestApp } from '../support/testApp';

const DIST = path.resolve(__dirname, '../../tab/dist');
const page = readFileSync(path.join(DIST, 'index.html'));
const entry = /src="\/tab\/(assets\/index-[^"]+\.js)"/.exec(page.toString())![1]!;
const script = readFileSync(path.join(DIST, entry));

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.stop());

/** The body as bytes. supertest decodes brotli and gzip itself: equal bytes mean valid encoding of them. */
function raw(req: request.Test): Promise<request.Response & { bytes: Buffer }> {
  return req
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    })
    .then((res) => Object.assign(res, { bytes: res.body as Buffer }));
}

describe('the page', () => {
  test('comes as brotli to a browser that accepts it, revalidated on every load', async () => {
    const res = await raw(request(t.app).get('/tab/personal').set('Accept-Encoding', 'gzip, deflate, br, zstd'));
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['etag']).toBeDefined();
    expect(res.bytes).toEqual(page);
    expect(Number(res.headers['content-length'])).toBe(readFileSync(path.join(DIST, 'index.html.br')).length);
  });

  test('comes as gzip when brotli is refused or not offered, and as itself when nothing is accepted', async () => {
    for (const header of ['gzip', 'br;q=0, gzip;q=0.5', 'deflate, gzip']) {
      // supertest itself decodes gzip: the body is the page only if it was valid gzip of it.
      const res = await raw(request(t.app).get('/tab/meeting').set('Accept-Encoding', header));
      expect([header, res.headers['content-encoding']]).toEqual([header, 'gzip']);
      expect(res.bytes).toEqual(page);
    }
    const plain = await raw(request(t.app).get('/tab/admin').set('Accept-Encoding', 'identity'));
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(plain.bytes).toEqual(page);
  });

  test('answers a revalidation with 304 while it is unchanged', async () => {
    const first = await request(t.app).get('/tab/personal').set('Accept-Encoding', 'br');
    const again = await request(t.app)
      .get('/tab/personal')
      .set('Accept-Encoding', 'br')
      .set('If-None-Match', first.headers['etag']!);
    expect(again.status).toBe(304);
    // The gzip copy is another representation, with another validator.
    const gzipped = await request(t.app)
      .get('/tab/personal')
      .set('Accept-Encoding', 'gzip')
      .set('If-None-Match', first.headers['etag']!);
    expect(gzipped.status).toBe(200);
  });
});

describe('hashed assets', () => {
  test('come precompressed with their own type and are cached for a year as immutable', async () => {
    const res = await raw(request(t.app).get(`/tab/${entry}`).set('Accept-Encoding', 'gzip, br'));
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(res.bytes).toEqual(script);
    // What travels is the brotli copy, much smaller than the script.
    const brotli = readFileSync(path.join(DIST, `${entry}.br`));
    expect(Number(res.headers['content-length'])).toBe(brotli.length);
    expect(brotliDecompressSync(brotli)).toEqual(script);
    expect(brotli.length).toBeLessThan(script.length / 2);
  });

  test('answer HEAD with the headers of GET and no body', async () => {
    const res = await request(t.app).head(`/tab/${entry}`).set('Accept-Encoding', 'br');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(Number(res.headers['content-length'])).toBe(readFileSync(path.join(DIST, `${entry}.br`)).length);
  });

  test('every script of the build has a brotli and a gzip copy', () => {
    const scripts = readdirSync(path.join(DIST, 'assets')).filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(3);
    const files = new Set(readdirSync(path.join(DIST, 'assets')));
    // Tiny chunks may compress to no gain; every chunk over a kilobyte must have both.
    const missing = scripts
      .filter((f) => readFileSync(path.join(DIST, 'assets', f)).length > 1024)
      .filter((f) => !files.has(`${f}.br`) || !files.has(`${f}.gz`));
    expect(missing).toEqual([]);
  });

  test('a file that is not there is a 404, not the page', async () => {
    const res = await request(t.app).get('/tab/assets/index-gone1234.js').set('Accept-Encoding', 'br');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  test('nothing outside the build folder is reachable', async () => {
    for (const target of [
      '/tab/assets/..%2f..%2f..%2fpackage.json',
      '/tab/assets/%2e%2e/%2e%2e/%2e%2e/package.json',
      '/tab/assets/..%5c..%5cpackage.json',
    ]) {
      const res = await request(t.app).get(target).set('Accept-Encoding', 'br');
      expect([target, res.status]).toEqual([target, 404]);
      expect(res.text ?? '').not.toMatch(/"name": "reverse-mentoring-teams"/);
    }
  });
});

describe('acceptedEncodings', () => {
  test.each([
    ['gzip, deflate, br, zstd', ['br', 'gzip']],
    ['br;q=1.0, gzip;q=0.8', ['br', 'gzip']],
    ['BR', ['br']],
    ['gzip;q=0, br;q=0', []],
    ['*', ['br', 'gzip']],
    ['*;q=0, gzip', ['gzip']],
    ['identity', []],
    ['', []],
  ])('%s', (header, expected) => {
    expect([...acceptedEncodings(header)].sort()).toEqual([...expected].sort());
  });
});
