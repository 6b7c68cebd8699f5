import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { RunningSandbox } from '../../../src/main/sandbox/server';
import { launchApp, type LaunchOptions, type LaunchedApp } from './launch-app';

export interface SuiteApp {
  app: LaunchedApp;
  page: Page;
  /** The embedded sandbox, started so tests can script its faults and read its state. */
  sandbox: RunningSandbox;
}

/**
 * One app for the enclosing `describe`: launched before its tests (with a 10 s default wait on
 * the page and the sandbox started), closed after them. `receive` hands the parts to the
 * suite's own variables, so tests keep reading `page`, `app` and `sandbox`.
 */
export function launchPerSuite(receive: (launched: SuiteApp) => void, options: LaunchOptions = {}): void {
  let app: LaunchedApp | undefined;
  beforeAll(async () => {
    app = await launchApp(options);
    app.page.setDefaultTimeout(10_000);
    receive({ app, page: app.page, sandbox: await app.services.sandbox.ensure() });
  });
  afterAll(async () => {
    await app?.close();
  });
}
