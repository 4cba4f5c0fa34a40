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
  fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
  const migrations = fs
    .readdirSync(path.join(root, 'src/migrations'))
    .filter((name) => name.endsWith('.ts'))
    .map((name) => path.join(root, 'src/migrations', name));
  await Promise.all([
    build({ ...common, entryPoints: [path.join(root, 'src/main.ts')], outfile: path.join(root, 'dist/main.js') }),
    build({ ...common, entryPoints: migrations, outdir: path.join(root, 'dist/migrations') }),
  ]);
  fs.writeFileSync(path.join(root, 'dist/.built'), new Date().toISOString());
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
