// Pages only staff open are scripts of their own: a guardian's phone does not download and parse the register, the
// announcement form or the owner's pages on every visit. Staff fetch them once the app is idle after they log in
// (preloadPages in App.tsx), so a teacher's first opening of a page does not wait for its script.
import { lazy, type FunctionComponent, type LazyExoticComponent } from 'react';
import { FormattedMessage } from 'react-intl';

export type LazyPage<P> = LazyExoticComponent<FunctionComponent<P>> & { preload(): Promise<unknown> };

/**
 * A page component fetched when first shown or preloaded, rendered inside <Suspense>: `lazyPage(() =>
 * import('./x').then((m) => m.XPage))`. If its script cannot be fetched (offline, or a tab older than the app on the
 * server, whose scripts have new names), the page says so and offers a reload; a failed preload is tried again when
 * the page is first shown.
 */
export function lazyPage<P extends object>(load: () => Promise<FunctionComponent<P>>): LazyPage<P> {
  const failed: FunctionComponent<P> = PageLoadFailed;
  let loading: Promise<{ default: FunctionComponent<P> }> | undefined;
  const loadOnce = () => (loading ??= load().then(
    (page) => ({ default: page }),
    () => { loading = undefined; return { default: failed }; },
  ));
  return Object.assign(lazy(loadOnce), { preload: loadOnce });
}

/** Fetches the pages' scripts when the browser is idle (at once where it cannot say when it is). */
export function preloadPages(pages: { preload(): Promise<unknown> }[]): () => void {
  const run = () => { for (const page of pages) void page.preload(); };
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(run, { timeout: 5000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(run, 1000);
  return () => clearTimeout(id);
}

function PageLoadFailed() {
  return (
    <>
      <p role="alert"><FormattedMessage id="meta.loadFailed" /></p>
      <button type="button" onClick={() => window.location.reload()}><FormattedMessage id="meta.reload" /></button>
    </>
  );
}
