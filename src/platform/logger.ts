import { pino } from 'pino';

export type Logger = pino.Logger;

/** One JSON logger for the process; tests pass level "silent". */
export function createLogger(level: string): Logger {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime });
}
