// `npm start`: build dist/ if any source is newer than the last build, then run it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer, newestSource } from './build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const marker = path.join(root, 'dist/.built');
const builtAt = fs.existsSync(marker) ? fs.statSync(marker).mtimeMs : 0;
if (builtAt < newestSource()) await buildServer();
await import('../dist/main.js');
