import type { AppServices } from '../../../src/main/app-services';
import type { SandboxMembership } from '../../../src/main/sandbox/seed';
import type { RunningSandbox } from '../../../src/main/sandbox/server';
import type { IpcError, IpcResult } from '../../../src/shared/ipc/result';

/**
 * Calls main's dispatcher as the window does: payload and answer cloned as Electron's IPC
 * clones them. `services` is read on each call, so a suite can hand over a getter set in `beforeAll`.
 */
export function ipcCaller(services: () => AppServices) {
  async function call<T>(channel: string, payload?: unknown): Promise<IpcResult<T>> {
    return structuredClone(await services().dispatch(channel, structuredClone(payload))) as IpcResult<T>;
  }
  async function ok<T>(channel: string, payload?: unknown): Promise<T> {
    const result = await call<T>(channel, payload);
    if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
    return result.value;
  }
  async function refused(channel: string, payload?: unknown): Promise<IpcError> {
    const result = await call(channel, payload);
    if (result.ok) throw new Error(`${channel} was not refused`);
    return result.error;
  }
  return { call, ok, refused };
}

/** The primary credential's `nth` membership with `role`: admin in Acme and Globex, member in Initech, viewer in Umbrella. */
export function membershipOf(sandbox: RunningSandbox, role: SandboxMembership['role'], nth = 0): SandboxMembership {
  const found = sandbox.primaryCredential.memberships.filter((m) => m.role === role)[nth];
  if (!found) throw new Error(`the primary credential has no ${role} membership #${nth}`);
  return found;
}
