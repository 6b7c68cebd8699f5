import { z } from 'zod';
import { AppInfo } from './app';
import { channel, type ChannelSpec, type Contract } from './channel';
import { OrgCreateInput, OrgList, OrgListInput, OrgRef, OrgRenameInput } from './organizations';
import { Organization } from '../api/organizations';
import {
  ConnectionTestResult,
  ProfileCreateInput,
  ProfileId,
  ProfileList,
  ProfileTestInput,
  ProfileUpdateInput,
  ProfileView,
} from './profiles';
import type { IpcResult } from './result';

const None = z.undefined();

/**
 * Every IPC operation of the app, once. Main registers a handler per entry and validates
 * each payload against `input`; the preload builds `window.orgdesk` from the same keys.
 */
export const contract = {
  app: {
    info: channel(None, AppInfo),
  },
  profiles: {
    list: channel(None, ProfileList),
    create: channel(ProfileCreateInput, ProfileView),
    update: channel(ProfileUpdateInput, ProfileView),
    remove: channel(z.object({ id: ProfileId }), z.object({ id: ProfileId })),
    test: channel(ProfileTestInput, ConnectionTestResult),
    /** Starts the embedded sandbox if needed and adds (or returns) its profile. */
    addSandbox: channel(None, ProfileView),
  },
  orgs: {
    list: channel(OrgListInput, OrgList),
    get: channel(OrgRef, Organization),
    create: channel(OrgCreateInput, Organization),
    rename: channel(OrgRenameInput, Organization),
  },
} as const satisfies Contract;

export type AppContract = typeof contract;

type Input<S> = S extends ChannelSpec<infer I, z.ZodType> ? z.input<I> : never;
type Output<S> = S extends ChannelSpec<z.ZodType, infer O> ? z.output<O> : never;
type ParsedInput<S> = S extends ChannelSpec<infer I, z.ZodType> ? z.output<I> : never;

/** The renderer's view: `orgdesk.orgs.list({ profileId })` resolves to an envelope, never throws. */
export type OrgdeskApi = {
  [D in keyof AppContract]: {
    [V in keyof AppContract[D]]: Input<AppContract[D][V]> extends undefined
      ? () => Promise<IpcResult<Output<AppContract[D][V]>>>
      : (input: Input<AppContract[D][V]>) => Promise<IpcResult<Output<AppContract[D][V]>>>;
  };
};

/** Main's side: one async function per entry, given the parsed input. */
export type Handlers = {
  [D in keyof AppContract]: {
    [V in keyof AppContract[D]]: (input: ParsedInput<AppContract[D][V]>) => Promise<Output<AppContract[D][V]>>;
  };
};

export const BRIDGE_KEY = 'orgdesk';
