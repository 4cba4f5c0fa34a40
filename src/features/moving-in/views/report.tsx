import { t } from '../../../platform/i18n/index.ts';
import { type ImportReport, skippedTotal } from '../report.ts';

/** An import's report: counts, what was skipped and why, what a person should look at. */
export function ReportView({ report }: { report: ImportReport }) {
  const counts = Object.entries(report.counts).filter(([, count]) => count > 0);
  const verb = t(report.dryRun ? 'movingIn.report.verb.would' : 'movingIn.report.verb.did');
  return (
    <div class="moving-in-report stack">
      <section aria-labelledby="report-counts">
        <h2 id="report-counts">{t('movingIn.report.counts', { verb })}</h2>
        {counts.length ? (
          <dl class="moving-in-counts">
            {counts.map(([key, count]) => (
              <div>
                <dt>{t(`movingIn.count.${key}`)}</dt>
                <dd>{count.toLocaleString('en-US')}</dd>
              </div>
            ))}
          </dl>
        ) : (
          <p>{t('movingIn.report.nothing')}</p>
        )}
        {report.seconds !== undefined && (
          <p class="muted">{t('movingIn.report.seconds', { seconds: report.seconds })}</p>
        )}
      </section>
      {report.needsReview.length > 0 && (
        <section aria-labelledby="report-review">
          <h2 id="report-review">
            {t('movingIn.report.review', { count: report.needsReview.length })}
          </h2>
          <ul class="moving-in-notes">
            {report.needsReview.map((note) => (
              <li>
                <strong>{note.href ? <a href={note.href}>{note.item}</a> : note.item}</strong>
                <br />
                {note.note}
              </li>
            ))}
          </ul>
        </section>
      )}
      {report.skipped.length > 0 && (
        <section aria-labelledby="report-skipped">
          <h2 id="report-skipped">
            {t('movingIn.report.skipped', { count: skippedTotal(report) })}
          </h2>
          <ul class="moving-in-notes">
            {report.skipped.map((group) => (
              <li>
                <strong>
                  {group.count.toLocaleString('en-US')} × {group.reason}
                </strong>
                {group.examples.length > 0 && (
                  <>
                    <br />
                    <span class="muted">
                      {t('movingIn.report.examples')} {group.examples.join('; ')}
                    </span>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
