import dns from 'node:dns';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { internalRange, normalizeHost } from './address.ts';
import { parseHostList } from './allowed-hosts.ts';
import { FetchFailedError, FetchRefusedError, safeFetch } from './safe-fetch.ts';

// One local server on every loopback address (IPv4 and IPv6), playing an internal service.
const hits: string[] = [];
let server: http.Server;
let port: number;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    hits.push(request.url ?? '');
    const url = new URL(request.url ?? '/', 'http://x');
    if (url.pathname === '/redirect') {
      response.writeHead(302, { location: url.searchParams.get('to') ?? '/' }).end();
      return;
    }
    if (url.pathname === '/loop') {
      response.writeHead(301, { location: '/loop' }).end();
      return;
    }
    if (url.pathname === '/gzip') {
      response
        .writeHead(200, { 'content-encoding': 'gzip' })
        .end(zlib.gzipSync('BEGIN:VCALENDAR compressed'));
      return;
    }
    if (url.pathname === '/big') {
      response.writeHead(200).end('x'.repeat(4096));
      return;
    }
    response.writeHead(200, { 'content-type': 'text/plain' }).end('internal secret');
  });
  await new Promise<void>((resolve) =>
    server.listen({ port: 0, host: '::', ipv6Only: false }, resolve),
  );
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
afterEach(() => {
  hits.length = 0;
  vi.restoreAllMocks();
});

async function refusal(url: string, allowedHosts: string[] = []) {
  const error = await safeFetch(url, { allowedHosts, timeoutMs: 5000 }).catch((e: Error) => e);
  expect(error).toBeInstanceOf(FetchRefusedError);
  return (error as Error).message;
}

describe('safeFetch refuses internal addresses', () => {
  it.each([
    ['127.0.0.1', () => `http://127.0.0.1:${port}/`],
    ['localhost', () => `http://localhost:${port}/`],
    ['[::1]', () => `http://[::1]:${port}/`],
    ['::ffff:127.0.0.1', () => `http://[::ffff:127.0.0.1]:${port}/`],
    ['::ffff:7f00:1', () => `http://[::ffff:7f00:1]:${port}/`],
    ['::127.0.0.1 (IPv4-compatible)', () => `http://[::127.0.0.1]:${port}/`],
    ['2130706433 (decimal)', () => `http://2130706433:${port}/`],
    ['0x7f.1 (hex)', () => `http://0x7f.1:${port}/`],
    ['0177.0.0.1 (octal)', () => `http://0177.0.0.1:${port}/`],
    ['0.0.0.0', () => `http://0.0.0.0:${port}/`],
    ['[::]', () => `http://[::]:${port}/`],
  ])('%s', async (_name, url) => {
    const message = await refusal(url());
    expect(message).toMatch(/internal address/);
    expect(hits).toEqual([]);
  });

  it('names the range, so an organizer knows what is wrong', async () => {
    expect(await refusal('http://169.254.169.254/latest/meta-data/')).toMatch(
      /169\.254\.169\.254.*link-local/,
    );
    expect(await refusal('http://10.1.2.3/')).toMatch(/private network/);
    expect(await refusal('http://192.168.0.1/')).toMatch(/private network/);
    expect(await refusal('http://172.16.0.1/')).toMatch(/private network/);
    expect(await refusal('http://100.64.0.1/')).toMatch(/carrier-grade NAT/);
    expect(await refusal('http://[fe80::1]/')).toMatch(/link-local/);
    expect(await refusal('http://[fd00::1]/')).toMatch(/private IPv6/);
    expect(await refusal('http://224.0.0.1/')).toMatch(/multicast/);
    expect(await refusal('http://[ff02::1]/')).toMatch(/multicast/);
  });

  it('checks every redirect: a listed host that redirects to an unlisted internal one is refused', async () => {
    const message = await refusal(
      `http://localhost:${port}/redirect?to=${encodeURIComponent(`http://127.0.0.1:${port}/secret`)}`,
      ['localhost'],
    );
    expect(message).toMatch(/127\.0\.0\.1/);
    expect(hits).toEqual([expect.stringMatching(/^\/redirect/)]);
    await refusal(
      `http://localhost:${port}/redirect?to=${encodeURIComponent('http://169.254.169.254/latest/')}`,
      ['localhost'],
    );
    await refusal(
      `http://localhost:${port}/redirect?to=${encodeURIComponent('file:///etc/passwd')}`,
      ['localhost'],
    );
  });

  it('refuses other schemes and addresses with credentials', async () => {
    expect(await refusal('file:///etc/passwd')).toMatch(/http/);
    expect(await refusal('ftp://example.org/x.ics')).toMatch(/http/);
    expect(await refusal(`http://user:pw@example.org/`)).toMatch(/password/);
  });

  it('connects to the address it checked, not to what DNS says a moment later', async () => {
    // The check resolves feeds.example to a public address; the resolver then "rebinds" it to
    // this machine. Without pinning, the connection would reach the local server.
    vi.spyOn(dns.promises, 'lookup').mockResolvedValue([
      { address: '93.184.215.14', family: 4 },
    ] as never);
    vi.spyOn(dns, 'lookup').mockImplementation(((
      _host: string,
      options: unknown,
      callback: (...args: unknown[]) => void,
    ) => {
      const done = typeof options === 'function' ? (options as typeof callback) : callback;
      done(null, [{ address: '127.0.0.1', family: 4 }]);
    }) as never);
    const error = await safeFetch(`http://feeds.example:${port}/`, {
      allowedHosts: [],
      timeoutMs: 1500,
    }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(FetchFailedError);
    expect(hits).toEqual([]);
  });
});

describe('safeFetch on allowed hosts', () => {
  it('reads from a host an administrator listed, in any spelling', async () => {
    for (const [url, allowed] of [
      [`http://localhost:${port}/`, 'localhost'],
      [`http://LOCALHOST.:${port}/`, 'localhost'],
      [`http://127.0.0.1:${port}/`, '127.0.0.1'],
      [`http://2130706433:${port}/`, '127.0.0.1'],
      [`http://[::1]:${port}/`, '[::1]'],
      [`http://[::1]:${port}/`, '::1'],
    ] as const) {
      const response = await safeFetch(url, { allowedHosts: [allowed] });
      expect(response.status).toBe(200);
      expect(response.text()).toBe('internal secret');
    }
  });

  it('follows redirects between allowed hosts, decompresses, and limits size and hops', async () => {
    const followed = await safeFetch(`http://localhost:${port}/redirect?to=/gzip`, {
      allowedHosts: ['localhost'],
    });
    expect(followed.url).toBe(`http://localhost:${port}/gzip`);
    expect(followed.text()).toBe('BEGIN:VCALENDAR compressed');
    const big = await safeFetch(`http://localhost:${port}/big`, {
      allowedHosts: ['localhost'],
      maxBytes: 1024,
    }).catch((e: Error) => e);
    expect(big).toBeInstanceOf(FetchFailedError);
    const loop = await safeFetch(`http://localhost:${port}/loop`, {
      allowedHosts: ['localhost'],
    }).catch((e: Error) => e);
    expect(loop).toBeInstanceOf(FetchFailedError);
    expect((loop as Error).message).toMatch(/More than 5 redirects/);
  });

  it('says plainly when a host does not exist or does not answer', async () => {
    const unknown = await safeFetch('http://no-such-host.invalid/', { allowedHosts: [] }).catch(
      (e: Error) => e,
    );
    expect(unknown).toBeInstanceOf(FetchFailedError);
    expect((unknown as Error).message).toBe('No such host: no-such-host.invalid.');
  });
});

describe('address rules', () => {
  it('counts only public unicast addresses as public', () => {
    expect(internalRange('93.184.215.14')).toBeNull();
    expect(internalRange('2606:4700::1111')).toBeNull();
    for (const address of [
      '127.0.0.1',
      '10.0.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '100.127.0.1',
      '169.254.0.1',
      '0.0.0.0',
      '255.255.255.255',
      '::1',
      '::',
      'fe80::1%eth0',
      'fc00::1',
      '::ffff:10.0.0.1',
      '::7f00:1',
      '64:ff9b::a00:1',
      '2002:7f00:1::1',
    ])
      expect(internalRange(address), address).not.toBeNull();
  });

  it('normalizes hosts as URLs do', () => {
    expect(normalizeHost('LocalHost.')).toBe('localhost');
    expect(normalizeHost('[::1]')).toBe('::1');
    expect(normalizeHost('0x7f.1')).toBe('127.0.0.1');
    expect(
      parseHostList('calendar.internal\n\nhttps://Feeds.Lan:8443/x.ics\n10.0.0.5\nnot a host\n'),
    ).toEqual({
      hosts: ['calendar.internal', 'feeds.lan', '10.0.0.5'],
      invalid: ['not a host'],
    });
  });
});
