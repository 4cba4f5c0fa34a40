// Compiles the server for `npm start`: one ESM bundle of src/main.ts (packages stay in
// node_modules) plus each migration, into dist/. Running plain JavaScript spares the ~80 MB that
// tsx's loader thread costs (docs/decisions/0005-start-from-a-build.md). Tests and `hub` run the
// TypeScript directly.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  jsx: 'automatic',
  jsxImportSource: 'hono/jsx',
  sourcemap: 'linked',
  logLevel: 'warning',
  define: { __HUB_BUNDLED__: 'true' },
};

export async function buildServer() {
  // Build beside dist/ and swap it in, so a process starting meanwhile never sees half a build.
  const out = path.join(root, `dist.tmp-${process.pid}`);
  fs.rmSync(out, { recursive: true, force: true });
  const migrations = fs
    .readdirSync(path.join(root, 'src/migrations'))
    .filter((name) => name.endsWith('.ts'))
    .map((name) => path.join(root, 'src/migrations', name));
  await Promise.all([
    build({
      ...common,
      entryPoints: [path.join(root, 'src/main.ts')],
      outfile: path.join(out, 'main.js'),
    }),
    build({ ...common, entryPoints: migrations, outdir: path.join(out, 'migrations') }),
  ]);
  fs.writeFileSync(path.join(out, '.built'), new Date().toISOString());
  const old = path.join(root, `dist.old-${process.pid}`);
  if (fs.existsSync(path.join(root, 'dist'))) fs.renameSync(path.join(root, 'dist'), old);
  fs.renameSync(out, path.join(root, 'dist'));
  fs.rmSync(old, { recursive: true, force: true });
}

/** The newest modification time under src/ (to rebuild only when something changed). */
export function newestSource(dir = path.join(root, 'src')) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildServer();
}
