// A describe block's own app on a fresh copy of the demo school, with Ingrid (contact teacher of 3A) logged in.
import { afterAll, beforeAll } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/harness';

export interface DemoApp {
  t: TestApp;
  ingrid: Session;
}

/** Call in a describe block; the fields are there once its beforeAll has run. */
export function useDemoAppAsIngrid(): DemoApp {
  const app = {} as DemoApp;
  beforeAll(async () => {
    app.t = await createTestApp();
    app.ingrid = await app.t.loginAs(app.t.demo.users.ingrid);
  });
  afterAll(async () => { await app.t.close(); });
  return app;
}
