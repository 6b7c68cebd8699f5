import type { OrgdeskApi } from '../../../../shared/ipc/contract';

/**
 * The preload's API. Read lazily so a window opened without the preload fails on the
 * first call with a clear message instead of at import time.
 */
export function orgdesk(): OrgdeskApi {
  const api = (window as Partial<Window>).orgdesk;
  if (!api) throw new Error('window.orgdesk is missing: the preload did not run');
  return api;
}
