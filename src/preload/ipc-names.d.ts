/**
 * Generated at build time by electron.vite.config.ts from the IPC contract, so the preload
 * gets the contract's names without its zod schemas.
 */
declare module 'virtual:ipc-names' {
  /** The `window` property the bridge is exposed as (`BRIDGE_KEY` in the contract). */
  export const BRIDGE_KEY: string;
  /** `listChannels(contract)`. */
  export const CHANNELS: import('./bridge').ChannelList;
  /** `listEvents(events)`: the main→renderer event channels. */
  export const EVENTS: import('./bridge').ChannelList;
}
