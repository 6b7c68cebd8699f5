import type { OrgdeskApi } from '../shared/ipc/contract';

declare global {
  interface Window {
    /** The only door from the renderer to main, built by the preload from the IPC contract. */
    readonly orgdesk: OrgdeskApi;
  }
}

export {};
