import path from 'node:path';

/** The instant tests run at unless they set their own clock: a Sunday in November 2026. */
export const TEST_NOW = new Date('2026-11-22T10:00:00Z');
export const TEMPLATE_DB = 'tillit_test_template';

export function templatePaths() {
  const dir = path.join(import.meta.dirname, '..', '..', '.tmp', `test-template-${process.env.TILLIT_TEST_DB ?? 'pglite'}`);
  return { dir, dump: path.join(dir, 'pgdata.tar'), demoJson: path.join(dir, 'demo.json') };
}
