#!/usr/bin/env node
// `npx hub`: runs the TypeScript CLI through tsx, so no build step is needed. This is the CLI's
// composition root: it hands the feature list to the command runner.
import { register } from 'tsx/esm/api';

register();
const [{ runCli }, { features }] = await Promise.all([
  import('../src/cli/hub.ts'),
  import('../src/features/index.ts'),
]);
process.exitCode = await runCli(process.argv.slice(2), features);
