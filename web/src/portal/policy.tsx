/**
 * The privacy policy (R-PD-4): the current version in Kazakh and Russian (Kazakh
 * prevails), its version and effective date; the consent screen accepts it (R-PD-1).
 */
import { useState } from 'preact/hooks';
import { NcaLayerClient } from '../esign/ncalayer.js';
import { ApiError } from '../app/api.js';
import { lang, t } from '../app/i18n-app.js';
import type { ScreenProps } from '../app/registry.js';
import { api, consentRequired, user } from '../app/session.js';
import { ErrorBox, Loading, PageTitle, useAction, useLoad } from '../app/ui.js';
import { bytesToBase64 } from '../esign/base64.js';
import type { AcceptPolicy, AcceptPolicySigned, PolicyView } from '../api/types.js';


function usePolicy() {
  return useLoad((signal) => api.get<PolicyView>('/api/v1/policy/current', { signal }), []);
}

function PolicyText({ policy }: { policy: PolicyView }) {
  // Kazakh prevails; a Russian reader sees the Russian text first, with the Kazakh one kept.
  const order: Array<'kk' | 'ru'> = lang.value === 'ru' ? ['ru', 'kk'] : ['kk', 'ru'];
  return (
    <>
      <p>
        {t('portal-policy-version', { version: policy.version, date: policy.effective_from })}
      </p>
      <p class="muted">{t('portal-policy-prevails')}</p>
      {order.map((l) => {
        const text = l === 'kk' ? policy.text_kk : policy.text_ru;
        if (!text) return null;
        return (
          <article lang={l} key={l} class="policy-text" aria-label={t(`portal-lang-${l}`)}>
            <h2>{t(`portal-lang-${l}`)}</h2>
            {text.split(/\n{2,}/).map((p, i) => (
              <p key={i}>{p}</p>
            ))}
          </article>
        );
      })}
    </>
  );
}

function NoPolicy({ error }: { error: unknown }) {
  if (error instanceof ApiError && (error.code === 'policy-none' || error.status === 404)) {
    return <p>{t('portal-policy-none')}</p>;
  }
  return <ErrorBox error={error} />;
}

export function PolicyPage(_props: ScreenProps) {
  const { data, error, loading } = usePolicy();
  return (
    <section aria-labelledby="page-title">
      <PageTitle title={t('portal-policy')} />
      <Loading loading={loading} />
      {data ? <PolicyText policy={data} /> : <NoPolicy error={error} />}
      {!user.value ? (
        <p>
          <a href="#/">{t('portal-back-to-sign-in')}</a>
        </p>
      ) : null}
    </section>
  );
}

export function ConsentPage(_props: ScreenProps) {
  const { data, error, loading } = usePolicy();
  const [agree, setAgree] = useState(false);
  const accept = useAction();
  const done = () => {
    consentRequired.value = null;
  };
  const acceptPlain = () =>
    void accept.run(async () => {
      if (!data) return;
      await api.post('/api/v1/policy/accept', { version: data.version } satisfies AcceptPolicy);
      done();
    });
  const acceptSigned = () =>
    void accept.run(async () => {
      if (!data) return;
      // A detached CMS over the Kazakh text, which prevails (what the server verifies).
      const text = data.text_kk;
      const cms = await new NcaLayerClient().signCms(bytesToBase64(new TextEncoder().encode(text)), {
        detached: true,
        lang: lang.value,
        purpose: 'signing',
      });
      await api.post('/api/v1/policy/accept/signature', { version: data.version, cms } satisfies AcceptPolicySigned);
      done();
    });
  return (
    <section aria-labelledby="page-title">
      <PageTitle title={t('portal-consent-title')} />
      <p>{t('portal-consent-intro')}</p>
      <Loading loading={loading} />
      {data ? (
        <>
          <PolicyText policy={data} />
          <div class="card">
            <label class="check">
              <input type="checkbox" checked={agree} onChange={(e) => setAgree(e.currentTarget.checked)} /> {t('portal-consent-agree')}
            </label>
            <ErrorBox error={accept.error} />
            <div class="actions">
              <button type="button" class="primary" disabled={!agree || accept.busy} onClick={acceptPlain}>
                {t('portal-consent-accept')}
              </button>
              <button type="button" disabled={!agree || accept.busy} onClick={acceptSigned}>
                {t('portal-consent-accept-signed')}
              </button>
            </div>
          </div>
        </>
      ) : (
        <NoPolicy error={error} />
      )}
    </section>
  );
}
