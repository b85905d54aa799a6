// Pages only staff open are scripts of their own, fetched the first time one is opened: a guardian's phone does
// not download and parse the register, the announcement form or the owner's pages on every visit.
import { lazy, type FunctionComponent, type LazyExoticComponent } from 'react';
import { FormattedMessage } from 'react-intl';

/**
 * A page component fetched when first shown, rendered inside <Suspense>: `lazyPage(() => import('./x').then((m) =>
 * m.XPage))`. If its script cannot be fetched (offline, or a tab older than the app on the server, whose scripts have
 * new names), the page says so and offers a reload.
 */
export function lazyPage<P extends object>(load: () => Promise<FunctionComponent<P>>): LazyExoticComponent<FunctionComponent<P>> {
  const failed: FunctionComponent<P> = PageLoadFailed;
  return lazy(() => load().then((page) => ({ default: page }), () => ({ default: failed })));
}

function PageLoadFailed() {
  return (
    <>
      <p role="alert"><FormattedMessage id="meta.loadFailed" /></p>
      <button type="button" onClick={() => window.location.reload()}><FormattedMessage id="meta.reload" /></button>
    </>
  );
}
