import type { ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useRouter } from '../../lib/router';
import { useSession } from '../../lib/session';
import { api } from '../../lib/api';
import { languages } from '../../i18n/catalogs';
import { useNews } from '../messages/news';

export function Layout({ children }: { children: ReactNode }) {
  const { me, locale, localeFailed, setLocale, loggedOut } = useSession();
  const { navigate } = useRouter();
  const intl = useIntl();
  const queryClient = useQueryClient();
  const news = useNews(me !== null);
  const logout = async () => {
    await api.post('/api/auth/logout', {}).catch(() => undefined);
    loggedOut();
    await queryClient.invalidateQueries({ queryKey: ['me'] });
    navigate('/login');
  };
  return (
    <>
      <a className="skip-link" href="#main"><FormattedMessage id="layout.skipToContent" /></a>
      <header className="site-header">
        <Link href="/" className="brand"><FormattedMessage id="app.name" /></Link>
        <nav aria-label={intl.formatMessage({ id: 'layout.mainNav' })} className="site-nav">
          {me && (
            <Link href="/messages">
              {news && news.unread > 0
                ? <FormattedMessage id="layout.messagesNew" values={{ count: news.unread, more: String(news.more) }} />
                : <FormattedMessage id="layout.messages" />}
            </Link>
          )}
          {me && <Link href="/settings/notifications"><FormattedMessage id="layout.notifications" /></Link>}
          <label className="language">
            <span className="visually-hidden"><FormattedMessage id="layout.language" /></span>
            <select value={locale} onChange={(e) => setLocale(e.target.value)}>
              {languages.map((l) => <option key={l.code} value={l.code} lang={l.code}>{l.name}</option>)}
            </select>
          </label>
          {me && (
            <button type="button" className="link-button" onClick={() => void logout()}>
              <FormattedMessage id="layout.logout" />
            </button>
          )}
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {localeFailed && <p role="alert" className="error"><FormattedMessage id="meta.loadFailed" /></p>}
        {me && <p className="whoami"><FormattedMessage id="layout.loggedInAs" values={{ name: `${me.person.givenName} ${me.person.familyName}` }} /></p>}
        {children}
      </main>
    </>
  );
}
