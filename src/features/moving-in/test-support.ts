/** Fixtures and a stand-in for the old WordPress site, shared by this feature's tests. */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export const FIXTURES = path.resolve(import.meta.dirname, '../../../test/fixtures/moving-in');

export const fixture = (name: string) => path.join(FIXTURES, name);

/**
 * The old site, on a loopback port: it serves the fixture uploads folder under
 * /wp-content/uploads/ and answers 404 for anything else. `requests` lists what was asked.
 */
export async function startOldSite(): Promise<{
  origin: string;
  requests: string[];
  close(): Promise<void>;
}> {
  const requests: string[] = [];
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    requests.push(url.pathname);
    const prefix = '/wp-content/uploads/';
    const file = url.pathname.startsWith(prefix)
      ? path.join(FIXTURES, 'uploads', url.pathname.slice(prefix.length))
      : '';
    if (file?.startsWith(path.join(FIXTURES, 'uploads')) && fs.existsSync(file)) {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      response.end(fs.readFileSync(file));
      return;
    }
    response.writeHead(404);
    response.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The WXR fixture with the old site's address replaced by `origin` (the stand-in's). */
export function wxrFor(origin: string): string {
  return fs
    .readFileSync(fixture('wordpress-export.xml'), 'utf8')
    .replaceAll('https://www.old.example.org', origin)
    .replaceAll('https://old.example.org', origin);
}
