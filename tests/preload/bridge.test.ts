import { describe, expect, it } from 'vitest';
import { createBridge, type ChannelList } from '../../src/preload/bridge';
import { listChannels } from '../../src/shared/ipc/channel';
import { contract } from '../../src/shared/ipc/contract';

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
