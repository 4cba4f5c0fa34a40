import type { Progress } from './command.ts';

/** A one-line progress bar on stderr when it is a terminal, else nothing. */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  const enabled = Boolean(stream.isTTY);
  let total = 0;
  let done = 0;
  let label = '';
  let lastDraw = 0;
  const started = { at: 0 };
  const draw = (force = false) => {
    if (!enabled) return;
    const now = Date.now();
    if (!force && now - lastDraw < 100) return;
    lastDraw = now;
    const width = 30;
    const ratio = total > 0 ? Math.min(1, done / total) : 0;
    const filled = Math.round(ratio * width);
    const elapsed = (now - started.at) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const eta = rate > 0 && total > done ? ` ~${Math.ceil((total - done) / rate)}s left` : '';
    stream.write(
      `\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}${eta}   `,
    );
  };
  return {
    start(count, text) {
      total = count;
      done = 0;
      label = text;
      started.at = Date.now();
      draw(true);
    },
    tick(amount = 1) {
      done += amount;
      draw(done >= total);
    },
    stop() {
      if (enabled && total > 0) stream.write('\n');
      total = 0;
    },
  };
}
