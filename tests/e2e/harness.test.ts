import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, events } from '../../src/shared/ipc/contract';
import { EVENTS_KEY } from '../../src/shared/ipc/event';
import { launchApp, screenshot, type LaunchedApp, type PageElement, type PageGlobals } from './support';

/** A GET with the path sent exactly as written (fetch would fold `..` and `%2e%2e` first). */
function rawGet(origin: URL, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: origin.hostname, port: origin.port, path, method: 'GET' }, (incoming) => {
      let body = '';
      incoming.setEncoding('utf8');
      incoming.on('data', (chunk: string) => (body += chunk));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

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
        events: Object.fromEntries(
          Object.entries(api.events).map(([domain, names]) => [domain, Object.keys(names).sort()]),
        ),
      };
    });
    expect(shape).toEqual({
      frozen: true,
      domains: Object.fromEntries(
        [...Object.entries(contract), [EVENTS_KEY, events]].map(([domain, verbs]) => [
          domain,
          Object.keys(verbs).sort(),
        ]),
      ),
      events: Object.fromEntries(Object.entries(events).map(([domain, names]) => [domain, Object.keys(names).sort()])),
    });
  });

  it('delivers main’s events through the real preload’s subscription, and only valid ones', async () => {
    type Recorder = { received: unknown[][]; stop?: () => void };
    await app.page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals & { recorder: Recorder };
      g.recorder = { received: [] };
      g.recorder.stop = g.orgdesk!.events.menu.command.subscribe((...args: unknown[]) =>
        g.recorder.received.push(args),
      );
    });
    expect(await app.sendEvent('menu', 'command', { command: 'tab.goTo', index: 4 })).toBe(true);
    expect(await app.sendEvent('menu', 'command', { command: 'tab.goTo', index: 40 })).toBe(false);
    await app.page.evaluate(() => (globalThis as unknown as { recorder: Recorder }).recorder.stop!());
    expect(await app.sendEvent('menu', 'command', { command: 'tab.next' })).toBe(true);
    const received = await app.page.evaluate(() => (globalThis as unknown as { recorder: Recorder }).recorder.received);
    expect(received).toEqual([[{ command: 'tab.goTo', index: 4 }]]);
  });

  it('reaches main through the bridge', async () => {
    const result = await app.page.evaluate(() => (globalThis as unknown as PageGlobals).orgdesk!.app.info());
    expect(result).toMatchObject({ ok: true, value: { userDataDir: app.userDataDir } });
    expect(app.ipcLog.some((entry) => entry.channel === 'app:info' && entry.result.ok)).toBe(true);
  });

  it('gets the policy from main as a response header, and from nowhere else', async () => {
    const response = await fetch(app.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const policy = response.headers.get('content-security-policy');
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("connect-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    const metas = await app.page.evaluate(
      () =>
        (globalThis as unknown as PageGlobals).document.querySelectorAll('meta[http-equiv="Content-Security-Policy"]')
          .length,
    );
    expect(metas).toBe(0);
  });

  it('blocks network access from the page', async () => {
    const outcome = await app.page.evaluate(async () => {
      const g = globalThis as unknown as PageGlobals;
      const violation = new Promise<string>((resolve) =>
        g.addEventListener('securitypolicyviolation', (event) => resolve(event.violatedDirective)),
      );
      let fetched: string;
      try {
        await fetch('https://example.com/');
        fetched = 'loaded';
      } catch (error) {
        fetched = error instanceof TypeError ? 'rejected' : 'other error';
      }
      return { fetched, violation: await violation };
    });
    expect(outcome).toEqual({ fetched: 'rejected', violation: 'connect-src' });
    expect(app.consoleErrors.some((text) => text.includes('Content Security Policy'))).toBe(true);
    app.clearErrors();
  });

  // frame-ancestors works only as a header: a <meta> policy could not stop this.
  it('cannot be framed by another page', async () => {
    const other = await app.browser.newPage();
    try {
      const messages: string[] = [];
      other.on('console', (message) => messages.push(message.text()));
      await other.setContent(`<iframe src="${app.url}"></iframe>`, { waitUntil: 'load' });
      const framed = other.frames().find((frame) => frame !== other.mainFrame());
      expect(framed?.url()).not.toBe(app.url);
      expect(messages.some((text) => text.includes("frame-ancestors 'none'"))).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('runs no file of its own origin as script unless it is served as one', async () => {
    const outcome = await app.page.evaluate(async () => {
      const { document } = globalThis as unknown as PageGlobals;
      const script = document.createElement('script') as unknown as {
        src: string;
        onload: (() => void) | null;
        onerror: (() => void) | null;
      };
      const settled = new Promise<string>((resolve) => {
        script.onload = () => resolve('ran');
        script.onerror = () => resolve('refused');
      });
      script.src = './index.html';
      document.body.appendChild(script as unknown as PageElement);
      return settled;
    });
    expect(outcome).toBe('refused');
    expect(app.consoleErrors.some((text) => text.includes('strict MIME type checking'))).toBe(true);
    expect(app.pageErrors).toEqual([]);
    app.clearErrors();
  });

  it('serves nothing outside the built renderer', async () => {
    for (const path of ['/..%2f..%2fpackage.json', '/assets/..%2f..%2f..%2fpackage.json', '/%2e%2e/package.json']) {
      const { status, body } = await rawGet(new URL(app.url), path);
      expect({ path, status }).toEqual({ path, status: 404 });
      expect(body).not.toContain('"name": "orgdesk"');
    }
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
