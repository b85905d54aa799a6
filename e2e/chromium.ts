// Debian's Chromium as every browser run here starts it (the e2e tests, bench/web.bench.ts): headless, without a
// sandbox (a container), and without the background traffic (updates, sync) that would land in the measurements.
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
