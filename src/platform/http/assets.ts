import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import type { AppEnv } from './env.ts';

/** The project's root: the nearest folder above this module with a package.json (src/ or dist/). */
function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above the server code');
    dir = parent;
  }
  return dir;
}

const PUBLIC_DIR = path.join(projectRoot(), 'public');

interface Asset {
  body: Buffer;
  type: string;
  url: string;
}

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

const assets = new Map<string, Asset>();
const byUrl = new Map<string, Asset>();

/**
 * Each feature keeps its own styles in public/css/<feature>.css and scripts in
 * public/js/<feature>.js; they are served as one bundle each, appended to app.css and app.js.
 */
function bundled(name: string, body: Buffer): Buffer {
  const folder = name === 'app.css' ? 'css' : name === 'app.js' ? 'js' : undefined;
  if (!folder || !fs.existsSync(path.join(PUBLIC_DIR, folder))) return body;
  const parts = fs
    .readdirSync(path.join(PUBLIC_DIR, folder))
    .filter((file) => file.endsWith(`.${folder}`))
    .sort()
    .map((file) => fs.readFileSync(path.join(PUBLIC_DIR, folder, file)));
  return Buffer.concat([body, ...parts.flatMap((part) => [Buffer.from('\n'), part])]);
}

function loadAssets(): void {
  if (assets.size) return;
  for (const name of fs.readdirSync(PUBLIC_DIR, { recursive: true }) as string[]) {
    const file = path.join(PUBLIC_DIR, name);
    if (!fs.statSync(file).isFile()) continue;
    const logicalName = name.split(path.sep).join('/');
    if (/^(css|js)\//.test(logicalName)) continue;
    const body = bundled(logicalName, fs.readFileSync(file));
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
    const extension = path.extname(name);
    const logical = name.split(path.sep).join('/');
    const url = `/assets/${logical.slice(0, -extension.length)}.${hash}${extension}`;
    const asset = { body, type: TYPES[extension] ?? 'application/octet-stream', url };
    assets.set(logical, asset);
    byUrl.set(url, asset);
  }
}

/** The fingerprinted URL of a file in public/ (its content hash is in the name, so it caches forever). */
export function assetUrl(name: string): string {
  loadAssets();
  const asset = assets.get(name);
  if (!asset) throw new Error(`no asset public/${name}`);
  return asset.url;
}

export function registerAssetRoutes(app: Hono<AppEnv>): void {
  loadAssets();
  app.get('/assets/*', (c) => {
    const asset = byUrl.get(c.req.path);
    if (!asset) return c.text('Not found', 404);
    return c.body(new Uint8Array(asset.body), 200, {
      'Content-Type': asset.type,
      'Cache-Control': 'public, max-age=31536000, immutable',
    });
  });
  app.get('/favicon.ico', (c) => c.redirect(assetUrl('favicon.svg'), 301));
}
