import { beforeEach, describe, expect, it, vi } from 'vitest';
import { listChannels } from '../../../src/shared/ipc/channel';
import { contract } from '../../../src/shared/ipc/contract';
import { silentLogger } from '../../../src/main/log';
import type { Dispatch } from '../../../src/main/ipc/dispatcher';
import { registerIpcHandlers } from '../../../src/main/ipc/register';
import { rendererLocation } from '../../../src/main/shell/app-url';
import { ipcMain, mainFrame, subframe } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const appUrl = 'app://orgdesk/index.html';
const { isAppUrl } = rendererLocation({});
const contractChannels = listChannels(contract).map(([, , name]) => name);

describe('registerIpcHandlers', () => {
  const calls: Array<[string, unknown]> = [];
  const dispatch: Dispatch = async (channel, payload) => {
    calls.push([channel, payload]);
    return { ok: true, value: { echoed: channel } };
  };
  let unregister: () => void = () => {};

  beforeEach(() => {
    unregister();
    ipcMain.registrations.length = 0;
    calls.length = 0;
    unregister = registerIpcHandlers({ dispatch, isAppUrl, logger: silentLogger });
  });

  it('registers every contract channel exactly once', () => {
    expect([...ipcMain.registrations].sort()).toEqual([...contractChannels].sort());
    expect(new Set(ipcMain.registrations).size).toBe(ipcMain.registrations.length);
  });

  it('passes calls from the app main frame to the dispatcher', async () => {
    const payload = { profileId: '6c1f4f8e-3f2a-4b7e-9d8c-1a2b3c4d5e6f' };
    const result = await ipcMain.invoke('orgs:list', payload, mainFrame(`${appUrl}#/orgs`));
    expect(result).toEqual({ ok: true, value: { echoed: 'orgs:list' } });
    expect(calls).toEqual([['orgs:list', payload]]);
  });

  it.each([
    ['a foreign page', mainFrame('https://evil.example/')],
    ['a local file', mainFrame('file:///tmp/evil.html')],
    ['another page of the app scheme', mainFrame('app://orgdesk/assets/evil.html')],
    ['another host of the app scheme', mainFrame('app://evil/index.html')],
    ['a subframe of the app', subframe(appUrl, appUrl)],
    ['a foreign subframe', subframe('https://evil.example/', appUrl)],
    ['a frame that is gone', null],
  ])('refuses %s with forbidden_sender', async (_label, frame) => {
    const result = await ipcMain.invoke('profiles:list', undefined, frame);
    expect(result).toMatchObject({ ok: false, error: { kind: 'forbidden_sender' } });
    expect(calls).toEqual([]);
  });

  it('removes its handlers again', () => {
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
    unregister = () => {};
  });
});
