import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { DemoPersonasResponse, LoginMethodsResponse, SessionResponse } from '@shared/contracts/auth';
import { api, ApiError } from '../../lib/api';
import { useSession } from '../../lib/session';
import { useRouter } from '../../lib/router';
import { ErrorMessage } from '../layout/ErrorMessage';

export function LoginPage() {
  const intl = useIntl();
  const { loggedIn } = useSession();
  const { navigate, search } = useRouter();
  const methods = useQuery({ queryKey: ['login-methods'], queryFn: () => api.get('/api/auth/methods', LoginMethodsResponse) });
  const personas = useQuery({
    queryKey: ['demo-personas'],
    queryFn: () => api.get('/api/auth/demo', DemoPersonasResponse),
    enabled: methods.data?.demo === true,
  });
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const oidcError = search.get('error');

  const finish = async (promise: Promise<{ csrfToken: string }>) => {
    setBusy(true);
    setError(null);
    try {
      const { csrfToken } = await promise;
      await loggedIn(csrfToken);
      navigate('/');
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'internal'));
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    void finish(api.post('/api/auth/login', { username: form.get('username'), password: form.get('password') }, SessionResponse));
  };

  return (
    <div className="login">
      <h1><FormattedMessage id="login.title" /></h1>
      <p className="lead"><FormattedMessage id="login.intro" /></p>
      {oidcError && <ErrorMessage code={oidcError} />}
      {error && <ErrorMessage code={error.code} />}

      {methods.data?.demo && (
        <section aria-labelledby="demo-heading" className="card">
          <h2 id="demo-heading"><FormattedMessage id="login.demo.title" /></h2>
          <p><FormattedMessage id="login.demo.intro" /></p>
          <ul className="persona-list">
            {personas.data?.personas.map((p) => (
              <li key={p.userId}>
                <button type="button" className="persona" disabled={busy} onClick={() => void finish(api.post('/api/auth/demo', { userId: p.userId }, SessionResponse))}>
                  <span className="persona-name">{p.name}</span>
                  <span className="persona-role"><FormattedMessage id={`persona.${p.persona}`} /></span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      {methods.data && methods.data.oidc.length > 0 && (
        <section aria-labelledby="oidc-heading" className="card">
          <h2 id="oidc-heading"><FormattedMessage id="login.oidc.title" /></h2>
          <div className="button-row">
            {methods.data.oidc.map((p) => (
              <a key={p} className="button" href={`/api/auth/oidc/${p}/start`}><FormattedMessage id={`login.oidc.${p}`} /></a>
            ))}
          </div>
        </section>
      )}

      <section aria-labelledby="password-heading" className="card">
        <h2 id="password-heading"><FormattedMessage id="login.password.title" /></h2>
        <form onSubmit={submit} className="form">
          <label>
            <FormattedMessage id="login.username" />
            <input name="username" autoComplete="username" required maxLength={100} />
          </label>
          <label>
            <FormattedMessage id="login.password" />
            <input name="password" type="password" autoComplete="current-password" required maxLength={200} />
          </label>
          <button type="submit" disabled={busy}>{intl.formatMessage({ id: 'login.submit' })}</button>
        </form>
      </section>
    </div>
  );
}
