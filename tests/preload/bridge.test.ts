import { describe, expect, it } from 'vitest';
import { createBridge, type ChannelList, type Listen } from '../../src/preload/bridge';
import { listChannels } from '../../src/shared/ipc/channel';
import { contract, events } from '../../src/shared/ipc/contract';
import { EVENTS_KEY, listEvents } from '../../src/shared/ipc/event';

type Calls = Array<{ channel: string; args: unknown[] }>;

function recordingBridge(channels: ChannelList = listChannels(contract)): {
  api: ReturnType<typeof createBridge>;
  calls: Calls;
} {
  const calls: Calls = [];
  const api = createBridge(async (...args: unknown[]) => {
    calls.push({ channel: String(args[0]), args: args.slice(1) });
    return { ok: true, value: args[0] };
  }, channels);
  return { api, calls };
}

/** The bridge seen as plain data, to walk it by the contract's own names. */
function methodsOf(api: object): Record<string, Record<string, unknown>> {
  return api as Record<string, Record<string, unknown>>;
}

describe('createBridge', () => {
  it('has a function for every contract entry and nothing else', () => {
    const { api } = recordingBridge();
    const expected = listChannels(contract).map(([domain, verb]) => `${domain}.${verb}`);
    const actual = Object.entries(methodsOf(api)).flatMap(([domain, verbs]) =>
      Object.keys(verbs).map((verb) => `${domain}.${verb}`),
    );
    expect(actual.sort()).toEqual(expected.sort());
    for (const [domain, verb] of listChannels(contract)) {
      expect(typeof methodsOf(api)[domain]?.[verb]).toBe('function');
    }
  });

  it('invokes the channel named after the entry with exactly one argument', async () => {
    const { api, calls } = recordingBridge();
    for (const [domain, verb, channel] of listChannels(contract)) {
      const method = methodsOf(api)[domain]![verb] as (...args: unknown[]) => Promise<unknown>;
      const input = { marker: channel };
      await expect(method(input, 'ignored extra')).resolves.toEqual({ ok: true, value: channel });
      expect(calls.at(-1)).toEqual({ channel, args: [input] });
    }
    expect(calls).toHaveLength(listChannels(contract).length);
  });

  it('is built from the list it is given, not from the contract', () => {
    const { api } = recordingBridge([['orgs', 'list', 'orgs:list']]);
    expect(Object.keys(methodsOf(api))).toEqual(['orgs']);
    expect(Object.keys(methodsOf(api)['orgs']!)).toEqual(['list']);
  });

  it('forwards a string callId and nothing else from the options', async () => {
    const { api, calls } = recordingBridge();
    const input = { profileId: '6c1f4f8e-3f2a-4b7e-9d8c-1a2b3c4d5e6f' };
    await api.orgs.list(input, { callId: 'call-1' });
    await api.orgs.list(input, { callId: 42 } as unknown as { callId: string });
    await api.orgs.list(input, { callId: 'call-2', extra: 'dropped' } as { callId: string });
    await api.orgs.list(input, 'call-3' as unknown as { callId: string });
    expect(calls.map((call) => call.args)).toEqual([[input, 'call-1'], [input], [input, 'call-2'], [input]]);
  });

  it('sends undefined for entries without input', async () => {
    const { api, calls } = recordingBridge();
    await api.profiles.list();
    await api.orgs.list({ profileId: '6c1f4f8e-3f2a-4b7e-9d8c-1a2b3c4d5e6f' });
    expect(calls).toEqual([
      { channel: 'profiles:list', args: [undefined] },
      { channel: 'orgs:list', args: [{ profileId: '6c1f4f8e-3f2a-4b7e-9d8c-1a2b3c4d5e6f' }] },
    ]);
  });

  it('is frozen all the way down', () => {
    const { api } = recordingBridge();
    expect(Object.isFrozen(api)).toBe(true);
    for (const verbs of Object.values(methodsOf(api))) expect(Object.isFrozen(verbs)).toBe(true);
    expect(() => {
      (methodsOf(api)['orgs'] as Record<string, unknown>)['list'] = () => 'hijacked';
    }).toThrow(TypeError);
  });
});

/** `ipcRenderer.on`/`removeListener` in miniature: main's messages delivered to whoever listens. */
function fakeIpcEvents() {
  const listeners = new Map<string, Array<(event: unknown, ...args: unknown[]) => void>>();
  const ipcEvent = { sender: { invoke: 'the whole ipcRenderer' } };
  const listen: Listen = (channel, listener) => {
    listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
    return () =>
      listeners.set(
        channel,
        (listeners.get(channel) ?? []).filter((other) => other !== listener),
      );
  };
  return {
    listen,
    deliver: (channel: string, ...args: unknown[]) => {
      for (const listener of listeners.get(channel) ?? []) listener(ipcEvent, ...args);
    },
    count: (channel: string) => listeners.get(channel)?.length ?? 0,
  };
}

describe('createBridge events', () => {
  const invoke = async () => ({ ok: true, value: null });

  function bridgeWithEvents() {
    const ipc = fakeIpcEvents();
    const api = createBridge(invoke, listChannels(contract), { listen: ipc.listen, channels: listEvents(events) });
    return { api, ipc };
  }

  it('has a subscription for every contract event under events, and the invoke domains beside it', () => {
    const { api } = bridgeWithEvents();
    const subscriptions = methodsOf(api.events);
    expect(
      Object.entries(subscriptions).flatMap(([domain, names]) => Object.keys(names).map((name) => `${domain}.${name}`)),
    ).toEqual(listEvents(events).map(([domain, name]) => `${domain}.${name}`));
    expect(Object.keys(api).sort()).toEqual([...new Set(listChannels(contract).map(([d]) => d)), EVENTS_KEY].sort());
  });

  it('gives the listener each payload of its own event and nothing else', () => {
    const { api, ipc } = bridgeWithEvents();
    const received: unknown[][] = [];
    api.events.menu.command.subscribe((...args: unknown[]) => received.push(args));
    ipc.deliver('event:menu:command', { command: 'tab.next' }, 'an extra argument');
    ipc.deliver('event:other:thing', { command: 'tab.close' });
    ipc.deliver('orgs:list', { command: 'tab.close' });
    ipc.deliver('event:menu:command', { command: 'tab.goTo', index: 2 });
    expect(received).toEqual([[{ command: 'tab.next' }], [{ command: 'tab.goTo', index: 2 }]]);
  });

  it('stops at unsubscribe, removes only its own listener, and a second unsubscribe does nothing', () => {
    const { api, ipc } = bridgeWithEvents();
    const first: unknown[] = [];
    const second: unknown[] = [];
    const stopFirst = api.events.menu.command.subscribe((payload) => first.push(payload));
    api.events.menu.command.subscribe((payload) => second.push(payload));
    expect(ipc.count('event:menu:command')).toBe(2);
    stopFirst();
    stopFirst();
    expect(ipc.count('event:menu:command')).toBe(1);
    ipc.deliver('event:menu:command', { command: 'tab.close' });
    expect(first).toEqual([]);
    expect(second).toEqual([{ command: 'tab.close' }]);
  });

  it('refuses a listener that is not a function, and is frozen', () => {
    const { api, ipc } = bridgeWithEvents();
    expect(() => api.events.menu.command.subscribe('alert(1)' as never)).toThrow(TypeError);
    expect(ipc.count('event:menu:command')).toBe(0);
    expect(Object.isFrozen(api.events)).toBe(true);
    expect(Object.isFrozen(api.events.menu)).toBe(true);
    expect(Object.isFrozen(api.events.menu.command)).toBe(true);
  });

  it('refuses an invoke domain named like the events key', () => {
    expect(() => createBridge(invoke, [[EVENTS_KEY, 'list', 'events:list']])).toThrow(/events/);
  });
});
