import { parseArgs } from 'node:util';
import { boot } from '../platform/boot.ts';
import { ConfigError, loadConfig } from '../platform/config.ts';
import { DataDirLockedError } from '../platform/db/lock.ts';
import type { Feature } from '../platform/feature.ts';
import { redactedError } from '../platform/redact.ts';
import { readSetting } from '../platform/services.ts';
import { type CliCommand, CommandError, type CommandInput } from './command.ts';
import { platformCommands } from './platform-commands.ts';
import { createProgress } from './progress.ts';

function allCommands(features: readonly Feature[]): CliCommand[] {
  return [...platformCommands, ...features.flatMap((feature) => feature.commands ?? [])];
}

function usage(commands: CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: npx hub <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "npx hub <command> --help" for a command\'s options.',
  ].join('\n');
}

function commandHelp(command: CliCommand): string {
  return [
    `Usage: ${command.usage}`,
    '',
    command.summary,
    ...(command.details?.length ? ['', ...command.details.map((d) => `  ${d}`)] : []),
  ].join('\n');
}

/** Runs one command with these features' commands (bin/hub.js passes them); returns the exit code. */
export async function runCli(argv: string[], features: readonly Feature[]): Promise<number> {
  const commands = allCommands(features);
  const [name, ...rest] = argv;
  const interactive = Boolean(process.stdout.isTTY);
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage(commands));
    return name ? 0 : 1;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${usage(commands)}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(commandHelp(command));
    return 0;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: command.options ?? {},
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${commandHelp(command)}`);
    return 2;
  }
  const limits = command.positionals ?? { min: 0, max: 0 };
  if (parsed.positionals.length < limits.min || parsed.positionals.length > limits.max) {
    console.error(`Wrong number of arguments.\n\n${commandHelp(command)}`);
    return 2;
  }
  const input: CommandInput = {
    values: parsed.values as CommandInput['values'],
    positionals: parsed.positionals,
    progress: createProgress(),
    say(line) {
      if (interactive) console.log(line);
      else console.error(line);
    },
  };
  let config: ReturnType<typeof loadConfig> | undefined;
  if (command.database !== false) {
    try {
      config = loadConfig({ LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
    } catch (error) {
      if (error instanceof ConfigError) {
        for (const problem of error.problems) console.error(`Configuration error: ${problem}`);
        return 1;
      }
      throw error;
    }
  }
  let booted: Awaited<ReturnType<typeof boot>> | undefined;
  try {
    let summary: Record<string, unknown>;
    if (command.database === false) {
      summary = await command.run(input);
    } else {
      booted = await boot(config!, features, { viaServer: true });
      let services = booted.services;
      if (!config!.publicUrlExplicit) {
        // Links printed here should point at the running server, not at this command's defaults.
        const serverUrl = await readSetting<string>(services.db, 'server.publicUrl');
        if (serverUrl)
          services = { ...services, config: Object.freeze({ ...config!, publicUrl: serverUrl }) };
      }
      summary = await command.run({ ...input, services, booted });
    }
    if (interactive) {
      if (!summary.signInLink && !summary.token) console.log(JSON.stringify(summary, null, 2));
    } else {
      console.log(JSON.stringify({ command: name, ...summary }));
    }
    return summary.ok === false ? 1 : 0;
  } catch (error) {
    if (error instanceof CommandError) {
      const message = redactedError(error);
      console.error(`hub ${name}: ${message}`);
      if (!interactive) console.log(JSON.stringify({ command: name, ok: false, error: message }));
      return error.exitCode;
    }
    if (error instanceof DataDirLockedError) {
      console.error(
        `hub ${name}: the database is in use by process ${error.holder.pid}, which does not share it. Try again in a moment.`,
      );
      return 1;
    }
    console.error(`hub ${name} failed: ${redactedError(error, true)}`);
    if (!interactive)
      console.log(JSON.stringify({ command: name, ok: false, error: redactedError(error) }));
    return 1;
  } finally {
    await booted?.close();
  }
}
