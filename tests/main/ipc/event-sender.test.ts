import { describe, expect, it } from 'vitest';
import { createEventSender, type EventTarget } from '../../../src/main/ipc/events';
import { createLogger } from '../../../src/main/log';
import { rendererLocation } from '../../../src/main/shell/app-url';

const { isAppUrl } = rendererLocation({});

class RecordingContents implements EventTarget {
  sent: unknown[][] = [];
  destroyed = false;
  constructor(public url = 'app://orgdesk/index.html') {}
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getURL(): string {
    if (this.destroyed) throw new Error('Object has been destroyed');
    return this.url;
  }
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push([channel, ...args]);
  }
}

function sender() {
  const lines: Array<Record<string, unknown>> = [];
  const send = createEventSender({
    isAppUrl,
    logger: createLogger((line) => lines.push(JSON.parse(line) as Record<string, unknown>), 'debug'),
  });
  return { send, lines };
}

describe('createEventSender', () => {
  it('sends a valid payload, parsed, on the event’s own channel', () => {
    const { send, lines } = sender();
    const contents = new RecordingContents();
    expect(send(contents, 'menu', 'command', { command: 'tab.goTo', index: 3 })).toBe(true);
    expect(send(contents, 'menu', 'command', { command: 'view.refresh' })).toBe(true);
    expect(contents.sent).toEqual([
      ['event:menu:command', { command: 'tab.goTo', index: 3 }],
      ['event:menu:command', { command: 'view.refresh' }],
    ]);
    expect(lines).toEqual([]);
  });

  it('refuses a payload its schema refuses, naming the field and not the value', () => {
    const { send, lines } = sender();
    const contents = new RecordingContents();
    const bad = [
      { command: 'tab.goTo', index: 10 },
      { command: 'tab.goTo' },
      { command: 'reload-everything-s3cr3t' },
      { command: 'view.refresh', extra: 'smuggled' },
    ];
    for (const payload of bad) expect(send(contents, 'menu', 'command', payload as never)).toBe(false);
    expect(contents.sent).toEqual([]);
    expect(lines.map((line) => [line['level'], line['event']])).toEqual(bad.map(() => ['error', 'ipc.event_invalid']));
    expect(JSON.stringify(lines)).not.toContain('s3cr3t');
    expect(JSON.stringify(lines[0])).toContain('index');
  });

  it('ignores a destroyed window without touching it', () => {
    const { send, lines } = sender();
    const contents = new RecordingContents();
    contents.destroyed = true;
    expect(send(contents, 'menu', 'command', { command: 'tab.close' })).toBe(false);
    expect(contents.sent).toEqual([]);
    expect(lines).toEqual([]);
  });

  it('sends nothing to a window showing another page', () => {
    const { send, lines } = sender();
    for (const url of ['https://evil.example/index.html', 'app://other/index.html', 'about:blank']) {
      const contents = new RecordingContents(url);
      expect(send(contents, 'menu', 'command', { command: 'tab.close' })).toBe(false);
      expect(contents.sent).toEqual([]);
    }
    expect(lines.map((line) => line['event'])).toEqual(['ipc.event_refused', 'ipc.event_refused', 'ipc.event_refused']);
  });
});
