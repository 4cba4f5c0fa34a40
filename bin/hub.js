#!/usr/bin/env node
// `npx hub`: runs the TypeScript CLI through tsx, so no build step is needed.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/hub.ts');
process.exitCode = await runCli(process.argv.slice(2));
