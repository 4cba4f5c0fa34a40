// Keeps source files small enough to read: every non-test file under src/ (.ts, .tsx) stays
// within LIMIT lines. The files already longer when the limit came in are listed below with
// their size then; they may shrink, never grow, and leave the list once within the limit.
// Split a long file by page (views) or by operation (services): docs/developing.md.
// Run by `npm run lint` (and `npm run check:size` alone).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const LIMIT = 400;

/** Today's oversize files and their line counts: the most each may have until it is split. */
const ALLOWED = {
  'src/features/admin/views.tsx': 434,
  'src/features/events/import-ics.ts': 464,
  'src/features/events/repository.ts': 493,
  'src/features/events/routes.tsx': 590,
  'src/features/events/rsvp.ts': 596,
  'src/features/events/service.ts': 739,
  'src/features/groups/routes.tsx': 600,
  'src/features/groups/service.ts': 452,
  'src/features/newsletter/admin-routes.tsx': 414,
  'src/features/newsletter/admin-views.tsx': 779,
  'src/features/newsletter/issues.ts': 455,
  'src/features/newsletter/repository.ts': 724,
  'src/features/newsletter/sending.ts': 431,
  'src/features/newsletter/subscribers.ts': 429,
  'src/features/newsletter/views.tsx': 546,
  'src/features/places/lookup.ts': 430,
  'src/features/resources/repository.ts': 553,
  'src/features/resources/routes.tsx': 525,
  'src/features/resources/service.ts': 745,
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(dir) {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(relative);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [relative] : [];
  });
}

/** Lines as `wc -l` counts them. */
function lineCount(file) {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  return (text.match(/\n/g) ?? []).length + (text.length && !text.endsWith('\n') ? 1 : 0);
}

const problems = [];
const notes = [];
const files = sourceFiles('src');
for (const file of files) {
  const lines = lineCount(file);
  const allowed = ALLOWED[file];
  if (allowed === undefined) {
    if (lines > LIMIT)
      problems.push(
        `${file}: ${lines} lines, over the limit of ${LIMIT}: split it by page or operation.`,
      );
  } else if (lines > allowed) {
    problems.push(
      `${file}: ${lines} lines, more than the ${allowed} it had: it may only shrink; split it.`,
    );
  } else if (lines <= LIMIT) {
    problems.push(
      `${file}: ${lines} lines, within the limit now: remove it from ALLOWED in scripts/check-file-size.mjs.`,
    );
  } else if (lines < allowed) {
    notes.push(
      `${file}: ${lines} lines (allowed ${allowed}): lower its entry in scripts/check-file-size.mjs.`,
    );
  }
}
for (const file of Object.keys(ALLOWED)) {
  if (!files.includes(file))
    problems.push(
      `${file}: listed in ALLOWED but gone: remove it from scripts/check-file-size.mjs.`,
    );
}
for (const note of notes) console.log(`note: ${note}`);
if (problems.length) {
  for (const problem of problems) console.error(problem);
  process.exit(1);
}
console.log(
  `check-file-size: ${files.length - Object.keys(ALLOWED).length} source files within ${LIMIT} lines, ${Object.keys(ALLOWED).length} older ones allowed until split.`,
);
