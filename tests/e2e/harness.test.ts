import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../src/shared/ipc/contract';
import { launchApp, screenshot, type LaunchedApp, type PageGlobals } from './support';

describe('e2e harness', () => {
  let app: LaunchedApp;

  beforeAll(async () => {
    app = await launchApp();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('exposes window.orgdesk built from the contract by the real preload', async () => {
    const shape = await app.page.evaluate(() => {
      const api = (globalThis as unknown as PageGlobals).orgdesk;
      if (!api) return null;
      return {
        frozen: Object.isFrozen(api),
        domains: Object.fromEntries(Object.entries(api).map(([domain, verbs]) => [domain, Object.keys(verbs).sort()])),
      };
    });
    expect(shape).toEqual({
      frozen: true,
      domains: Object.fromEntries(
        Object.entries(contract).map(([domain, verbs]) => [domain, Object.keys(verbs).sort()]),
      ),
    });
  });

  it('reaches main through the bridge', async () => {
    const result = await app.page.evaluate(() => (globalThis as unknown as PageGlobals).orgdesk!.app.info());
    expect(result).toMatchObject({ ok: true, value: { userDataDir: app.userDataDir } });
    expect(app.ipcLog.some((entry) => entry.channel === 'app:info' && entry.result.ok)).toBe(true);
  });

  it('ships a Content-Security-Policy meta', async () => {
    const policies = await app.page.evaluate(() =>
      Array.from(
        (globalThis as unknown as PageGlobals).document.querySelectorAll('meta[http-equiv="Content-Security-Policy"]'),
      ).map((meta) => meta.getAttribute('content')),
    );
    expect(policies).toHaveLength(1);
    expect(policies[0]).toContain("default-src 'none'");
    expect(policies[0]).toContain("connect-src 'none'");
  });

  it('blocks network access from the page', async () => {
    const outcome = await app.page.evaluate(async () => {
      const g = globalThis as unknown as PageGlobals;
      const violations: string[] = [];
      g.addEventListener('securitypolicyviolation', (event) => violations.push(event.violatedDirective));
      let fetched: string;
      try {
        await fetch('https://example.com/');
        fetched = 'loaded';
      } catch (error) {
        fetched = error instanceof TypeError ? 'rejected' : 'other error';
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { fetched, violations };
    });
    expect(outcome).toEqual({ fetched: 'rejected', violations: ['connect-src'] });
    expect(app.consoleErrors.some((text) => text.includes('Content Security Policy'))).toBe(true);
    app.clearErrors();
  });

  it('refuses calls from a subframe', async () => {
    await app.page.evaluate(() => {
      const { document } = globalThis as unknown as PageGlobals;
      const frame = document.createElement('iframe');
      frame.setAttribute('name', 'intruder');
      document.body.appendChild(frame);
    });
    const intruder = app.page.frame({ name: 'intruder' });
    expect(intruder).not.toBeNull();
    const before = app.ipcLog.length;
    const result = await intruder!.evaluate(() => {
      const invoke = (globalThis as unknown as PageGlobals).__orgdeskInvoke;
      return invoke ? invoke('profiles:list', undefined) : 'no binding';
    });
    expect(result).toMatchObject({ ok: false, error: { kind: 'forbidden_sender' } });
    expect(app.ipcLog.slice(before)).toMatchObject([{ channel: 'profiles:list', result: { ok: false } }]);
    const preloadRanInFrame = await intruder!.evaluate(() => 'orgdesk' in globalThis);
    expect(preloadRanInFrame).toBe(false);
  });

  it('saw no unexpected errors', async () => {
    await screenshot(app.page, 'harness-smoke');
    expect(app.pageErrors).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });
});
