import path from 'node:path';

/** Where e2e/global-setup.ts leaves the migrated demo database for startE2E() to copy. */
const dir = path.resolve(import.meta.dirname, '..', '.tmp', 'e2e-template');
export const E2E_TEMPLATE = { dir, dump: path.join(dir, 'pgdata.tar'), demoJson: path.join(dir, 'demo.json') };
