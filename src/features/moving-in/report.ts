/**
 * The report every import ends with (and its dry run starts with): what was (or would be)
 * imported, what was skipped and why, and what needs a person's look. The CLI prints it; the
 * admin shows it; both keep it with the import's row.
 */
export const IMPORT_KINDS = ['mailchimp_audience', 'wordpress', 'newsletter_archive'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface SkippedGroup {
  reason: string;
  count: number;
  /** The first few items skipped for this reason. */
  examples: string[];
}

export interface ReviewNote {
  /** The item concerned ("Post: Our spring rally"). */
  item: string;
  /** What to look at. */
  note: string;
  /** Where to look, on this site. */
  href?: string;
}

export interface ImportReport {
  kind: ImportKind;
  dryRun: boolean;
  /** Counts by key; labels are in the message catalog (`movingIn.count.<key>`). */
  counts: Record<string, number>;
  skipped: SkippedGroup[];
  needsReview: ReviewNote[];
  seconds?: number;
}

const MAX_EXAMPLES = 5;
const MAX_NOTES = 500;

/** Collects a report as an import goes. */
export class ReportBuilder {
  private readonly counts: Record<string, number> = {};
  private readonly skipped = new Map<string, SkippedGroup>();
  private readonly notes: ReviewNote[] = [];
  private readonly started = Date.now();

  constructor(
    readonly kind: ImportKind,
    readonly dryRun: boolean,
  ) {}

  count(key: string, by = 1): void {
    this.counts[key] = (this.counts[key] ?? 0) + by;
  }

  skip(reason: string, example: string): void {
    let group = this.skipped.get(reason);
    if (!group) {
      group = { reason, count: 0, examples: [] };
      this.skipped.set(reason, group);
    }
    group.count++;
    if (group.examples.length < MAX_EXAMPLES) group.examples.push(example.slice(0, 200));
  }

  review(note: ReviewNote): void {
    if (this.notes.length < MAX_NOTES) this.notes.push(note);
    else this.count('moreToReview');
  }

  build(): ImportReport {
    return {
      kind: this.kind,
      dryRun: this.dryRun,
      counts: { ...this.counts },
      skipped: [...this.skipped.values()].sort((a, b) => b.count - a.count),
      needsReview: [...this.notes],
      seconds: Math.round((Date.now() - this.started) / 100) / 10,
    };
  }
}

/** Total items skipped. */
export function skippedTotal(report: ImportReport): number {
  return report.skipped.reduce((sum, group) => sum + group.count, 0);
}
