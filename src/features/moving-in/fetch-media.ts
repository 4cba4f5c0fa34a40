/**
 * The one place an import reaches out for a file: an old site's media, a campaign archive feed.
 * Addresses come from the file an administrator uploaded, so this is where the platform's safe
 * fetch for user-supplied addresses belongs once there is one (swap `fetchRemote`).
 * A copy of the old site's `wp-content/uploads` folder on disk can stand in for the site.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

export type Fetched =
  | { ok: true; bytes: Buffer; contentType: string; fileName: string }
  | { ok: false; reason: string };

export interface FetchLimits {
  maxBytes: number;
  timeoutMs: number;
}

function fileNameOf(url: URL): string {
  const last = url.pathname.split('/').filter(Boolean).pop() ?? 'file';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** GET an http(s) address with a time limit and a size limit. */
export async function fetchRemote(url: URL, limits: FetchLimits): Promise<Fetched> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, reason: 'not a web address' };
  }
  let response: Response;
  try {
    response = await fetch(url, {
      signal: AbortSignal.timeout(limits.timeoutMs),
      redirect: 'follow',
      headers: { 'user-agent': 'CoalitionHub-import/1' },
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { ok: false, reason: `could not be reached (${cause ?? (error as Error).name})` };
  }
  if (!response.ok) {
    await response.body?.cancel();
    return { ok: false, reason: `answered ${response.status}` };
  }
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > limits.maxBytes) {
    await response.body?.cancel();
    return { ok: false, reason: 'is too large' };
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  for (let part = await reader?.read(); part && !part.done; part = await reader?.read()) {
    size += part.value.length;
    if (size > limits.maxBytes) {
      await reader?.cancel();
      return { ok: false, reason: 'is too large' };
    }
    chunks.push(part.value);
  }
  return {
    ok: true,
    bytes: Buffer.concat(chunks),
    contentType: response.headers.get('content-type') ?? '',
    fileName: fileNameOf(url),
  };
}

/** A file from a local copy of `wp-content/uploads` (never outside that folder). */
async function readUploadsCopy(folder: string, url: URL, limits: FetchLimits): Promise<Fetched> {
  const marker = '/wp-content/uploads/';
  const at = url.pathname.indexOf(marker);
  if (at < 0) return { ok: false, reason: 'is not in wp-content/uploads' };
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname.slice(at + marker.length));
  } catch {
    return { ok: false, reason: 'has a broken name' };
  }
  const root = path.resolve(folder);
  const file = path.resolve(root, relative);
  if (!file.startsWith(root + path.sep))
    return { ok: false, reason: 'is outside the uploads folder' };
  try {
    const stat = await fs.stat(file);
    if (stat.size > limits.maxBytes) return { ok: false, reason: 'is too large' };
    return {
      ok: true,
      bytes: await fs.readFile(file),
      contentType: '',
      fileName: path.basename(file),
    };
  } catch {
    return { ok: false, reason: 'is not in the uploads folder copy' };
  }
}

export type MediaSource = (url: URL) => Promise<Fetched>;

/** Where media comes from: the uploads copy first (when given), then the web. */
export function mediaSource(options: { uploadsFolder?: string; limits: FetchLimits }): MediaSource {
  return async (url) => {
    if (options.uploadsFolder) {
      const local = await readUploadsCopy(options.uploadsFolder, url, options.limits);
      if (local.ok) return local;
    }
    return fetchRemote(url, options.limits);
  };
}
