/** Pieces the field screens share: the sync bar, the field menu. */
import { fmtTime, t } from '../app/i18n-app.js';
import { href } from '../app/router.js';
import { applyUpdate, updateReady } from '../sw/register.js';
import { lastOutcome, online, outbox, syncNow, syncing } from './runtime.js';

export function SyncBar() {
  const waiting = outbox.value.filter((r) => r.state === 'waiting' || r.state === 'sending').length;
  const problems = outbox.value.filter((r) => r.state === 'conflict' || r.state === 'rejected').length;
  const last = lastOutcome.value;
  return (
    <section class="card sync-bar" aria-label={t('field-sync-label')}>
      <p role="status" aria-live="polite">
        <strong>{online.value ? t('field-online') : t('field-offline')}</strong>
        {' · '}
        <a href={href('/field/outbox')}>{t('field-waiting-count', { count: waiting })}</a>
        {problems > 0 ? (
          <>
            {' · '}
            <a href={href('/field/outbox')} class="error">
              {t('field-problem-count', { count: problems })}
            </a>
          </>
        ) : null}
        {last ? <span class="muted"> · {t('field-last-sync', { time: fmtTime(last.at) })}</span> : null}
      </p>
      {updateReady.value ? (
        <p role="status">
          {t('field-update-ready')}{' '}
          <button type="button" onClick={applyUpdate}>
            {t('field-update-apply')}
          </button>
        </p>
      ) : null}
      <div class="actions">
        <button type="button" disabled={!online.value || syncing.value} onClick={() => void syncNow()}>
          {syncing.value ? t('field-syncing') : t('field-sync-now')}
        </button>
      </div>
    </section>
  );
}

export function FieldNav() {
  return (
    <nav aria-label={t('field-nav-label')} class="actions">
      <a class="button" href={href('/field')}>{t('field-day-title')}</a>
      <a class="button" href={href('/field/object/new')}>{t('field-place-object')}</a>
      <a class="button" href={href('/field/outbox')}>{t('field-outbox-title')}</a>
      <a class="button" href={href('/field/push')}>{t('field-push-title')}</a>
    </nav>
  );
}
