import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { features } from '../src/features/index.ts';
import { type Booted, boot } from '../src/platform/boot.ts';
import { parseConfig } from '../src/platform/config.ts';
import type { Services } from '../src/platform/services.ts';

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  errors: number;
  non2xx: number;
  /** Milliseconds. p95 is computed from every response time, the others too. */
  latency: { p50: number; p95: number; p97_5: number; p99: number; max: number };
}

export interface BenchServer {
  url: string;
  pid: number;
  dataDir: string;
  /** Milliseconds from spawning the process to the first healthy /healthz. */
  startupMs: number;
  /** Resident memory of the server process now, in MB. */
  rssMb(): number;
  /** Services reaching the server's database through its socket (for checks during a run). */
  services: Services;
  restart(): Promise<number>;
  stop(): Promise<void>;
}

export interface BenchContext {
  startServer(options?: {
    env?: Record<string, string>;
    seed?: (services: Services) => Promise<void>;
  }): Promise<BenchServer>;
  load(
    url: string,
    options?: { connections?: number; durationSeconds?: number; requests?: { path: string }[] },
  ): Promise<LoadResult>;
  /** A scratch directory removed after the run. */
  tmpDir(): string;
}

export interface BenchScenario {
  name: string;
  run(bench: BenchContext): Promise<Record<string, unknown>>;
}

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, index)]! * 100) / 100;
}

export async function load(
  url: string,
  options: { connections?: number; durationSeconds?: number; requests?: { path: string }[] } = {},
): Promise<LoadResult> {
  const times: number[] = [];
  const instance = autocannon({
    url,
    connections: options.connections ?? 20,
    duration: options.durationSeconds ?? 10,
    requests: options.requests?.map((r) => ({ method: 'GET', path: r.path })),
  });
  (instance as unknown as import('node:events').EventEmitter).on(
    'response',
    (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
      times.push(responseTime);
    },
  );
  const result = await instance;
  times.sort((a, b) => a - b);
  return {
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.average),
    errors: result.errors,
    non2xx: result.non2xx,
    latency: {
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      p97_5: percentile(times, 97.5),
      p99: percentile(times, 99),
      max: percentile(times, 100),
    },
  };
}

function readRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = status.match(/VmRSS:\s+(\d+) kB/);
  return match ? Math.round(Number(match[1]) / 1024) : 0;
}

async function waitHealthy(url: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('server did not become healthy');
}

export function createBenchContext(): BenchContext & { cleanup(): Promise<void> } {
  const scratch: string[] = [];
  const servers: BenchServer[] = [];
  let nextPort = 3900;
  const tmpDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-bench-'));
    scratch.push(dir);
    return dir;
  };
  return {
    load,
    tmpDir,
    async startServer(options = {}) {
      const dataDir = tmpDir();
      const port = nextPort++;
      const env = {
        DATA_DIR: dataDir,
        PORT: String(port),
        LOG_LEVEL: 'warn',
        SAMPLE_CONTENT: 'off',
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        ...options.env,
      };
      // Prepare the data directory in this process (migrate, seed), then hand it to the server.
      const prepared = await boot(parseConfig(env), features);
      await options.seed?.(prepared.services);
      await prepared.close();
      const url = `http://127.0.0.1:${port}`;
      let child!: ChildProcess;
      const spawnServer = async () => {
        const started = performance.now();
        child = spawn(
          process.execPath,
          [
            '--max-semi-space-size=4',
            ...(process.env.BENCH_TSX ? ['--import', 'tsx', 'src/main.ts'] : ['scripts/start.mjs']),
          ],
          {
            cwd: ROOT,
            env: { ...process.env, ...env },
            stdio: ['ignore', 'ignore', 'inherit'],
          },
        );
        await waitHealthy(url, child);
        return Math.round(performance.now() - started);
      };
      const startupMs = await spawnServer();
      let remote: Booted = await boot(parseConfig(env), features, {
        viaServer: true,
        migrate: false,
      });
      const server: BenchServer = {
        url,
        get pid() {
          return child.pid!;
        },
        dataDir,
        startupMs,
        rssMb: () => readRssMb(child.pid!),
        get services() {
          return remote.services;
        },
        async restart() {
          await remote.close();
          child.kill('SIGTERM');
          await new Promise((resolve) => child.once('exit', resolve));
          const ms = await spawnServer();
          remote = await boot(parseConfig(env), features, { viaServer: true, migrate: false });
          return ms;
        },
        async stop() {
          await remote.close();
          if (child.exitCode === null) {
            child.kill('SIGTERM');
            await new Promise((resolve) => child.once('exit', resolve));
          }
        },
      };
      servers.push(server);
      return server;
    },
    async cleanup() {
      for (const server of servers) await server.stop().catch(() => {});
      for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
