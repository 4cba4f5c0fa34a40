import { afterEach, beforeEach, vi } from 'vitest';

/** Tests fail on unexpected console errors: a page that logs an error is a bug. */
let errors: unknown[][] = [];
beforeEach(() => {
  errors = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  if (errors.length) {
    const first = errors[0]!.map(String).join(' ');
    errors = [];
    throw new Error(`unexpected console.error: ${first}`);
  }
});
