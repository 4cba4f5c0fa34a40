import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

const running = new Set<ChildProcess>();

/** Kills every server a test started and did not stop (call in afterAll). */
export function killStrayServers(): void {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
  running.clear();
}

/** A free loopback port. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  exited: Promise<number | null>;
}

/** Starts `npm start`'s entry point as a real process and waits for /healthz. */
export async function spawnServer(
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const url = `http://127.0.0.1:${env.PORT}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`server not healthy:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, url, output: () => output, exited };
}

export interface HubRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The last line of stdout as JSON (the command's summary), if it is JSON. */
  summary: any;
}

function hubRun(status: number | null, stdout: string, stderr: string): HubRun {
  const lines = stdout.trim().split('\n');
  let summary: any;
  try {
    summary = JSON.parse(lines[lines.length - 1] ?? '');
  } catch {
    summary = undefined;
  }
  return { status, stdout, stderr, summary };
}

/** Runs `hub` as a separate process, as an operator would (stdout is a pipe: JSON summary). */
export function runHub(args: string[], env: Record<string, string>): HubRun {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/hub.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return hubRun(result.status, result.stdout, result.stderr);
}

/**
 * runHub without blocking this process meanwhile, for tests that run many commands in a row
 * (a test file blocked for a minute loses its connection to the test runner).
 */
export function runHubAsync(
  args: string[],
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<HubRun> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(ROOT, 'bin/hub.js'), ...args],
      { cwd: ROOT, env: { ...process.env, ...env }, timeout: timeoutMs, maxBuffer: 64 * 2 ** 20 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') reject(error);
        else resolve(hubRun(error ? (error.code as number) : 0, stdout, stderr));
      },
    );
  });
}

/** A form post as a browser makes it: fetch the page for the CSRF cookie and token first. */
export async function submitForm(
  url: string,
  formPath: string,
  fields: Record<string, string>,
): Promise<Response> {
  const page = await fetch(`${url}${formPath}`);
  const cookie = page.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const html = await page.text();
  const token = html.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
  return fetch(`${url}${formPath}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ ...fields, _csrf: token }),
    redirect: 'manual',
  });
}
