/**
 * The one place an import reaches out for a file: an old site's media, a campaign archive feed.
 * Addresses come from a file, so they go through the platform's safe fetch.
 * A copy of the old site's `wp-content/uploads` folder on disk can stand in for the site.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { FetchFailedError, FetchRefusedError, safeFetch } from '../../platform/net/safe-fetch.ts';

export type Fetched =
  | { ok: true; bytes: Buffer; contentType: string; fileName: string }
  | { ok: false; reason: string };

export interface FetchLimits {
  maxBytes: number;
  timeoutMs: number;
  /** Internal hosts an administrator allowed (`readAllowedHosts`). */
  allowedHosts: readonly string[];
}

function fileNameOf(url: URL): string {
  const last = url.pathname.split('/').filter(Boolean).pop() ?? 'file';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/**
 * GET an http(s) address through the platform's safe fetch: the addresses come from an uploaded
 * file, so internal hosts are refused unless an administrator listed them in Site settings.
 */
export async function fetchRemote(url: URL, limits: FetchLimits): Promise<Fetched> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, reason: 'not a web address' };
  }
  try {
    const response = await safeFetch(url.href, {
      allowedHosts: limits.allowedHosts,
      timeoutMs: limits.timeoutMs,
      maxBytes: limits.maxBytes,
      headers: { 'user-agent': 'CoalitionHub-import/1' },
    });
    if (!response.ok) return { ok: false, reason: `answered ${response.status}` };
    const type = response.headers['content-type'];
    return {
      ok: true,
      bytes: response.body,
      contentType: (Array.isArray(type) ? type[0] : type) ?? '',
      fileName: fileNameOf(url),
    };
  } catch (error) {
    if (error instanceof FetchRefusedError || error instanceof FetchFailedError)
      return { ok: false, reason: `could not be read: ${error.message}` };
    throw error;
  }
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
