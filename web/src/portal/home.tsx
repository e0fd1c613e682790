/** The start page: what the signed-in role can do, as links. */
import { t } from '../app/i18n-app.js';
import { navFor, type ScreenProps } from '../app/registry.js';
import { href } from '../app/router.js';
import { fullName, user } from '../app/session.js';
import { PageTitle } from '../app/ui.js';

export default function Home(_props: ScreenProps) {
  const u = user.value;
  if (!u) return null;
  return (
    <section aria-labelledby="page-title">
      <PageTitle title={t('portal-welcome', { name: fullName(u) })} />
      <ul class="tiles">
        {navFor(u.role)
          .filter((s) => s.path !== '/')
          .map((s) => (
            <li key={s.path}>
              <a href={href(s.path)}>{t(s.title)}</a>
            </li>
          ))}
      </ul>
    </section>
  );
}
