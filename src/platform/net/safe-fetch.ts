/**
 * The one way the server fetches a URL that someone other than the operator gave it (calendar
 * feeds, Mobilize, and any integration to come). It refuses internal addresses: the host is
 * resolved, every address it resolves to must be public (address.ts), the connection goes to
 * the address that was checked (a pinned `lookup`, so DNS rebinding between the check and the
 * connection cannot work), and each redirect is followed by hand and checked the same way.
 * Hosts an administrator listed in the settings (allowed-hosts.ts) may be internal.
 * docs/decisions/0090-outbound-requests.md explains the choices.
 */
import dns from 'node:dns';
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import net, { type LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { hasMessage, t } from '../i18n/index.ts';
import { internalRange, normalizeHost } from './address.ts';
import './messages.ts';

export interface SafeFetchOptions {
  /** Hosts an administrator allowed although they are internal (`readAllowedHosts`). */
  allowedHosts: readonly string[];
  headers?: Record<string, string>;
  /** For the whole exchange, redirects included. */
  timeoutMs?: number;
  /** Largest body accepted, after decompression. */
  maxBytes?: number;
  maxRedirects?: number;
}

export interface SafeResponse {
  /** The address that answered, after redirects. */
  url: string;
  status: number;
  statusText: string;
  ok: boolean;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text(): string;
  json(): unknown;
}

/** The address was refused because it is internal (or not http/https). */
export class FetchRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FetchRefusedError';
  }
}

/** The address could not be read (no such host, no answer, too large, too many redirects). */
export class FetchFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FetchFailedError';
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

interface Target {
  url: URL;
  address: string;
  family: 4 | 6;
}

/**
 * Resolves a URL's host and checks every address it has; throws FetchRefusedError for an
 * internal one (unless the host is allowed) and FetchFailedError when the host is unknown.
 */
export async function checkFetchTarget(
  location: string | URL,
  allowedHosts: readonly string[],
): Promise<Target> {
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    throw new FetchRefusedError(t('net.refused.notUrl'));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new FetchRefusedError(t('net.refused.scheme', { scheme: url.protocol }));
  if (url.username || url.password) throw new FetchRefusedError(t('net.refused.credentials'));
  const host = normalizeHost(url.hostname);
  let addresses: { address: string; family: number }[];
  if (net.isIP(host)) {
    addresses = [{ address: host, family: net.isIP(host) }];
  } else {
    try {
      addresses = await dns.promises.lookup(host, { all: true, verbatim: true });
    } catch {
      throw new FetchFailedError(t('net.failed.dns', { host }));
    }
    if (!addresses.length) throw new FetchFailedError(t('net.failed.dns', { host }));
  }
  const allowed = allowedHosts.some((entry) => normalizeHost(entry) === host);
  if (!allowed) {
    for (const { address } of addresses) {
      const range = internalRange(address);
      if (range)
        throw new FetchRefusedError(
          t('net.refused.internal', {
            host,
            address,
            range: hasMessage(`net.range.${range}`) ? t(`net.range.${range}`) : range,
          }),
        );
    }
  }
  const first = addresses[0]!;
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}

/** A `lookup` that answers with the address already checked, whatever DNS says now. */
function pinnedLookup(address: string, family: 4 | 6): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

function request(target: Target, headers: Record<string, string>, signal: AbortSignal) {
  const client = target.url.protocol === 'https:' ? https : http;
  return new Promise<IncomingMessage>((resolve, reject) => {
    const req = client.request(target.url, {
      method: 'GET',
      headers: { 'accept-encoding': 'gzip, deflate, br', ...headers },
      lookup: pinnedLookup(target.address, target.family),
      // No shared keep-alive pool: every connection is made to an address checked for it.
      agent: false,
      signal,
    });
    req.on('response', resolve);
    req.on('error', reject);
    req.end();
  });
}

function decoded(response: IncomingMessage): Readable {
  const encoding = String(response.headers['content-encoding'] ?? '').toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') return response.pipe(zlib.createGunzip());
  if (encoding === 'deflate') return response.pipe(zlib.createInflate());
  if (encoding === 'br') return response.pipe(zlib.createBrotliDecompress());
  return response;
}

async function readBody(response: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  const stream = decoded(response);
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      response.destroy();
      throw new FetchFailedError(t('net.failed.tooLarge', { mb: Math.round(maxBytes / 1048576) }));
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** GETs a URL given by someone other than the operator; see the module comment. */
export async function safeFetch(
  location: string,
  options: SafeFetchOptions,
): Promise<SafeResponse> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxRedirects = options.maxRedirects ?? 5;
  const signal = AbortSignal.timeout(timeoutMs);
  let current = location;
  try {
    for (let hop = 0; ; hop++) {
      const target = await checkFetchTarget(current, options.allowedHosts);
      const response = await request(target, options.headers ?? {}, signal);
      const status = response.statusCode ?? 0;
      const next = response.headers.location;
      if (REDIRECTS.has(status) && next) {
        response.resume();
        if (hop >= maxRedirects)
          throw new FetchFailedError(t('net.failed.redirects', { count: maxRedirects }));
        try {
          current = new URL(next, target.url).href;
        } catch {
          throw new FetchFailedError(t('net.failed.badRedirect', { host: target.url.host }));
        }
        continue;
      }
      const body = await readBody(response, options.maxBytes ?? 20 * 1024 * 1024);
      return {
        url: target.url.href,
        status,
        statusText: response.statusMessage ?? '',
        ok: status >= 200 && status < 300,
        headers: response.headers,
        body,
        text: () => new TextDecoder().decode(body),
        json: () => JSON.parse(new TextDecoder().decode(body)),
      };
    }
  } catch (error) {
    if (error instanceof FetchRefusedError || error instanceof FetchFailedError) throw error;
    if (signal.aborted)
      throw new FetchFailedError(
        t('net.failed.timeout', { seconds: Math.round(timeoutMs / 1000) }),
      );
    const code = (error as NodeJS.ErrnoException).code;
    throw new FetchFailedError(
      t('net.failed.connect', {
        host: new URL(current).host,
        reason: code ?? (error as Error).message,
      }),
    );
  }
}
