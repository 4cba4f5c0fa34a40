import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BenchScenario, createBenchContext } from './context.ts';

/**
 * `npm run bench [name ...]`: runs each scenario in bench/scenarios (or the named ones) and writes
 * bench/results/<name>.json and bench/results/latest.json.
 */
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname));
const wanted = process.argv.slice(2);
const files = fs
  .readdirSync(path.join(ROOT, 'scenarios'))
  .filter((file) => file.endsWith('.ts'))
  .sort((a, b) => (a === 'platform.ts' ? -1 : b === 'platform.ts' ? 1 : a.localeCompare(b)));
const LATEST = path.join(ROOT, 'results', 'latest.json');
// latest.json keeps every scenario's most recent run: a run of one scenario replaces only its own.
const results: Record<string, unknown> = fs.existsSync(LATEST)
  ? JSON.parse(fs.readFileSync(LATEST, 'utf8'))
  : {};
const machine = {
  node: process.version,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model,
  memoryGb: Math.round(os.totalmem() / 2 ** 30),
};
fs.mkdirSync(path.join(ROOT, 'results'), { recursive: true });
for (const file of files) {
  const scenario = (await import(pathToFileURL(path.join(ROOT, 'scenarios', file)).href))
    .default as BenchScenario;
  if (wanted.length && !wanted.includes(scenario.name)) continue;
  const bench = createBenchContext();
  console.error(`bench: ${scenario.name} ...`);
  const started = Date.now();
  try {
    const figures = await scenario.run(bench);
    const record = {
      scenario: scenario.name,
      at: new Date().toISOString(),
      seconds: Math.round((Date.now() - started) / 1000),
      machine,
      figures,
    };
    results[scenario.name] = record;
    fs.writeFileSync(
      path.join(ROOT, 'results', `${scenario.name}.json`),
      `${JSON.stringify(record, null, 2)}\n`,
    );
    console.log(JSON.stringify(record));
  } catch (error) {
    console.error(`bench: ${scenario.name} failed:`, error);
    process.exitCode = 1;
  } finally {
    await bench.cleanup();
  }
}
fs.writeFileSync(LATEST, `${JSON.stringify(results, null, 2)}\n`);
process.exit(process.exitCode ?? 0);
