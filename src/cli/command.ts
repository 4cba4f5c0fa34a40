import type { ParseArgsConfig } from 'node:util';
import type { Booted } from '../platform/boot.ts';
import type { Services } from '../platform/services.ts';

/** Shows progress of long work on a terminal; silent when output goes to a file or a pipe. */
export interface Progress {
  start(total: number, label: string): void;
  tick(done?: number): void;
  stop(): void;
}

/** What every command receives: its arguments and where to write for a person. */
export interface CommandInput {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  progress: Progress;
  /** Lines for a person reading the terminal (not part of the JSON summary). */
  say(line: string): void;
}

/** What a command that works on the database receives (most do). */
export interface CommandContext extends CommandInput {
  services: Services;
  booted: Booted;
}

interface CommandDescription {
  name: string;
  summary: string;
  /** e.g. "hub groups:import FILE.csv" */
  usage: string;
  /** Help for each option and positional, printed by --help. */
  details?: string[];
  options?: ParseArgsConfig['options'];
  /** Positional arguments required (min) and allowed (max). */
  positionals?: { min: number; max: number };
}

/**
 * One `hub` command. Its run() returns the summary printed as the last line (JSON when stdout
 * is not a terminal); throwing CommandError prints a clear message and exits non-zero.
 * By default the database is opened and migrated first; `database: false` marks a command that
 * works on files alone (it opens no database and reads no configuration).
 */
export type CliCommand =
  | (CommandDescription & {
      database?: true;
      run(context: CommandContext): Promise<Record<string, unknown>>;
    })
  | (CommandDescription & {
      database: false;
      run(context: CommandInput): Promise<Record<string, unknown>>;
    });

export class CommandError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}
