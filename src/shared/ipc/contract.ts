import { z } from 'zod';
import { AppInfo, LogFolder } from './app';
import { CallCancelInput, CallCancelResult, type CallContext } from './calls';
import { channel, type ChannelSpec, type Contract } from './channel';
import { event, type EVENTS_KEY, type EventContract, type EventSpec } from './event';
import { MenuCommand } from './menu';
import { OrgChanged, OrgCreateInput, OrgList, OrgListInput, OrgRef, OrgRenameInput } from './organizations';
import { Organization } from '../api/organizations';
import { Invitation } from '../api/invitations';
import { RoleListResponse } from '../api/roles';
import { OrganizationUser } from '../api/users';
import {
  IdentityPage,
  IdentityPageInput,
  InvitationList,
  InvitationRef,
  InvitationRevoked,
  InviteInput,
  MemberRef,
  MemberRemoved,
  MemberUpdateInput,
  PeopleExportInput,
  PeopleExportResult,
} from './people';
import {
  ConnectionTestResult,
  ProfileCreateInput,
  ProfileId,
  ProfileList,
  ProfileTestInput,
  ProfileUpdateInput,
  ProfileView,
} from './profiles';
import {
  CredentialCreateInput,
  CredentialCreated,
  CredentialList,
  CredentialRef,
  CredentialRevoked,
  CredentialUpdateInput,
  CredentialView,
  HeldSecretRef,
  KeychainInventory,
  OrgTokenIssued,
  OrgTokenRef,
  SecretCopied,
  SecretRevealed,
  ServiceAccountCreateInput,
  ServiceAccountList,
  ServiceAccountRef,
  ServiceAccountRemoved,
  ServiceAccountUpdateInput,
  UseAsProfileInput,
} from './service-accounts';
import { ServiceAccount } from '../api/service-accounts';
import { RotationActionInput, RotationList, RotationRef, RotationReport } from './rotation';
import {
  DiscoveredProvider,
  SsoCheck,
  SsoDisabled,
  SsoDiscoverInput,
  SsoEnableInput,
  SsoSaved,
  SsoState,
  SsoUpdateInput,
} from './sso';
import { RestoredWorkspace, WorkspaceSnapshot } from './session';
import { CompareExportInput, CompareExportResult, CompareInput, CompareResult } from './compare';
import type { IpcResult } from './result';
import {
  ActivityAppended,
  ActivityCleared,
  ActivityExportInput,
  ActivityExportResult,
  ActivityListInput,
  ActivityPage,
} from './activity';

const None = z.undefined();
const KEYCHAIN_DEADLINE_MS = 90_000;
/**
 * An export walks every page (200 pages of 1,000 at the row cap) after the user has picked a
 * file in the save dialog, which is part of the same call: 10,000 people take a few seconds on a
 * good link, but a slow one, retries after 429s and a user browsing folders add minutes.
 */
const EXPORT_DEADLINE_MS = 5 * 60_000;
/** Both organizations' people (10,000 each is usual, the row cap 200,000), service accounts and SSO. */
const COMPARE_DEADLINE_MS = 5 * 60_000;
/** Five steps, three of them requests and two keychain writes that may wait on an unlock prompt. */
const ROTATION_DEADLINE_MS = 3 * 60_000;

/**
 * Every IPC operation of the app, once. Main registers a handler per entry and validates
 * each payload against `input`; the preload builds `window.orgdesk` from the same keys.
 */
export const contract = {
  app: {
    info: channel(None, AppInfo),
    /** Opens the folder holding main.log in the OS file manager, for "see the log". */
    openLogFolder: channel(None, LogFolder),
  },
  calls: {
    /** Stops a call started with a `callId`; it then answers `cancelled`. */
    cancel: channel(CallCancelInput, CallCancelResult),
  },
  profiles: {
    list: channel(None, ProfileList),
    // Local work, but the keychain may be waiting on a system prompt: the keychain's own bound
    // (60 s) answers first, with a message that says so, before the call's budget runs out.
    create: channel(ProfileCreateInput, ProfileView, { deadlineMs: KEYCHAIN_DEADLINE_MS }),
    update: channel(ProfileUpdateInput, ProfileView, { deadlineMs: KEYCHAIN_DEADLINE_MS }),
    remove: channel(z.object({ id: ProfileId }), z.object({ id: ProfileId }), { deadlineMs: KEYCHAIN_DEADLINE_MS }),
    test: channel(ProfileTestInput, ConnectionTestResult),
    /** Starts the embedded sandbox if needed and adds (or returns) its profile. */
    addSandbox: channel(None, ProfileView),
  },
  orgs: {
    /** Every page of the list under one budget: a few thousand organizations take a few seconds. */
    list: channel(OrgListInput, OrgList, { deadlineMs: 60_000 }),
    get: channel(OrgRef, Organization),
    create: channel(OrgCreateInput, Organization),
    rename: channel(OrgRenameInput, Organization),
    /** An organization-scoped token: kept in main, the window gets its type, expiry and a handle to copy it. */
    token: channel(OrgRef, OrgTokenIssued),
    /** Copies the token through main's clipboard, cleared after a while if it still holds it. */
    copyToken: channel(OrgTokenRef, SecretCopied),
  },
  people: {
    /** One page of members and invitations with the total count; the table asks for the next as it scrolls. */
    identities: channel(IdentityPageInput, IdentityPage),
    roles: channel(OrgRef, RoleListResponse),
    /** Refused with code `last_admin` when it would leave the organization without an active administrator. */
    updateMember: channel(MemberUpdateInput, OrganizationUser),
    removeMember: channel(MemberRef, MemberRemoved),
    /** Never sent twice blindly: a lost answer comes back with code `outcome_unknown`. */
    invite: channel(InviteInput, Invitation),
    revokeInvitation: channel(InvitationRef, InvitationRevoked),
    /** Every invitation, all pages under one budget, for the table's expiry column. */
    invitations: channel(OrgRef, InvitationList, { deadlineMs: 60_000 }),
    /**
     * Asks main's save dialog for a file first (cancelled: `{ saved: false }`, nothing sent), then
     * writes every matching row as CSV or JSON, all or nothing. Refused with code
     * `export_too_large` past the row cap, and with `no_save_dialog` where no dialog can open.
     */
    export: channel(PeopleExportInput, PeopleExportResult, { deadlineMs: EXPORT_DEADLINE_MS }),
  },
  serviceAccounts: {
    /** Every page under one budget. */
    list: channel(OrgRef, ServiceAccountList, { deadlineMs: 60_000 }),
    /** Never sent twice blindly: a lost answer comes back with code `outcome_unknown`. */
    create: channel(ServiceAccountCreateInput, ServiceAccount),
    update: channel(ServiceAccountUpdateInput, ServiceAccount),
    /** Its credentials die with it; Orgdesk deletes the keychain items it held for them. */
    remove: channel(ServiceAccountRef, ServiceAccountRemoved, { deadlineMs: KEYCHAIN_DEADLINE_MS }),
  },
  credentials: {
    list: channel(ServiceAccountRef, CredentialList, { deadlineMs: KEYCHAIN_DEADLINE_MS }),
    /** The one answer carrying a secret to the window, to show it once; saved to the keychain when asked. */
    create: channel(CredentialCreateInput, CredentialCreated, { deadlineMs: KEYCHAIN_DEADLINE_MS }),
    update: channel(CredentialUpdateInput, CredentialView, { deadlineMs: KEYCHAIN_DEADLINE_MS }),
    /** Saves the secret of a credential just created (held by main while its panel is open). */
    saveSecret: channel(CredentialRef, CredentialView, { deadlineMs: KEYCHAIN_DEADLINE_MS }),
    /** The panel closed: main lets go of the new secret. */
    forgetSecret: channel(CredentialRef, z.object({ forgotten: z.boolean() })),
    /** Main writes the secret to the clipboard and clears it later; the window never holds it. */
    copySecret: channel(CredentialRef, SecretCopied, { deadlineMs: KEYCHAIN_DEADLINE_MS }),
    /** After the user confirmed: the secret, for that view only. */
    revealSecret: channel(CredentialRef, SecretRevealed, { deadlineMs: KEYCHAIN_DEADLINE_MS }),
    /** Deletes it on the server, and its keychain item. */
    revoke: channel(CredentialRef, CredentialRevoked, { deadlineMs: KEYCHAIN_DEADLINE_MS }),
    /** A new profile signing in with this credential's client ID and its keychain secret. */
    useAsProfile: channel(UseAsProfileInput, ProfileView, { deadlineMs: KEYCHAIN_DEADLINE_MS }),
    /**
     * Replaces the credential in five journaled steps (create, save, prove, repoint, revoke),
     * stopping at the first that fails with the old one still working. Refused with code
     * `rotation_in_progress` while one runs, so a double click never makes two credentials.
     */
    rotate: channel(CredentialRef, RotationReport, { deadlineMs: ROTATION_DEADLINE_MS }),
    /** Rotations not finished, including ones a quit interrupted: for the report at start. */
    rotations: channel(None, RotationList),
    rotation: channel(RotationRef, RotationReport),
    /** Resume, check (did a lost create happen?), clean up the unused new credential, or dismiss. */
    rotationAction: channel(RotationActionInput, RotationReport, { deadlineMs: ROTATION_DEADLINE_MS }),
    /** Every credential secret Orgdesk holds, across profiles, each checked against its server. */
    inventory: channel(None, KeychainInventory, { deadlineMs: KEYCHAIN_DEADLINE_MS }),
    /** Deletes one held secret from the keychain (the credential on the server is not touched). */
    forgetHeld: channel(HeldSecretRef, z.object({ deleted: z.boolean() }), { deadlineMs: KEYCHAIN_DEADLINE_MS }),
  },
  session: {
    /** The tabs and sidebar as they were left, without tabs of profiles since removed. */
    restore: channel(None, RestoredWorkspace),
    /** Kept for the next start; written a moment later, with the window's place. */
    saveWorkspace: channel(WorkspaceSnapshot, z.object({ saved: z.literal(true) })),
  },
  sso: {
    /** The organization's connection, or `null` when it has none. */
    get: channel(OrgRef, SsoState),
    /** Reads the provider's OpenID configuration for the form; nothing is sent to Keycard. */
    discover: channel(SsoDiscoverInput, DiscoveredProvider),
    /** Refused with code `sso_already_enabled` when someone enabled it meanwhile; never sent twice blindly. */
    enable: channel(SsoEnableInput, SsoSaved),
    /** Absent fields are kept; `null` removes the client ID or the secret. */
    update: channel(SsoUpdateInput, SsoSaved),
    disable: channel(OrgRef, SsoDisabled),
    /** Discovery against the held issuer and the held JWKS, each up to twice discovery's own bound. */
    check: channel(OrgRef, SsoCheck, { deadlineMs: 60_000 }),
  },
  activity: {
    /** The API requests main made (in memory, the last 5,000), newest first, filtered. */
    list: channel(ActivityListInput, ActivityPage),
    /** Asks main's save dialog for a file, then writes the entries matching the filters as CSV or JSON. */
    export: channel(ActivityExportInput, ActivityExportResult, { deadlineMs: EXPORT_DEADLINE_MS }),
    clear: channel(None, ActivityCleared),
  },
  compare: {
    /**
     * Two organizations, each under its own profile: members and pending invitations by email,
     * service accounts by name, SSO field by field. Matching members come as a count; a section
     * one profile may not read says so rather than failing the comparison. Refused with code
     * `compare_too_large` past the row cap.
     */
    run: channel(CompareInput, CompareResult, { deadlineMs: COMPARE_DEADLINE_MS }),
    /** As `people:export`: the save dialog first (cancelled: `{ saved: false }`, nothing read), then the file, all or nothing. */
    export: channel(CompareExportInput, CompareExportResult, { deadlineMs: COMPARE_DEADLINE_MS + EXPORT_DEADLINE_MS }),
  },
} as const satisfies Contract;

export type AppContract = typeof contract;

/**
 * Every event main sends the window, once. Main checks each payload against its schema before
 * sending; the preload exposes a subscription per entry as `orgdesk.events.<domain>.<name>`.
 */
export const events = {
  menu: {
    /** A menu item was chosen: the window runs that command as if its shortcut had been pressed. */
    command: event(MenuCommand),
  },
  activity: {
    /** Requests were recorded; throttled, so a burst of requests is one event. */
    appended: event(ActivityAppended),
  },
  orgs: {
    /** A write to an organization succeeded: views of it under other profiles read it again. */
    changed: event(OrgChanged),
  },
} as const satisfies EventContract;

export type AppEvents = typeof events;

type Input<S> = S extends ChannelSpec<infer I, z.ZodType> ? z.input<I> : never;
type Output<S> = S extends ChannelSpec<z.ZodType, infer O> ? z.output<O> : never;
type ParsedInput<S> = S extends ChannelSpec<infer I, z.ZodType> ? z.output<I> : never;

/** Given to any call: `callId` makes it cancellable through `orgdesk.calls.cancel({ callId })`. */
export interface CallOptions {
  callId?: string;
}

type Payload<S> = S extends EventSpec<infer P> ? z.output<P> : never;

/** Stops a subscription; calling it again does nothing. */
export type Unsubscribe = () => void;

/** `orgdesk.events.menu.command.subscribe(listener)`: the listener gets each payload, nothing else. */
export type OrgdeskEvents = {
  readonly [D in keyof AppEvents]: {
    readonly [N in keyof AppEvents[D]]: {
      subscribe(listener: (payload: Payload<AppEvents[D][N]>) => void): Unsubscribe;
    };
  };
};

/** An invoke domain named like the events key would be shadowed by it: refuse it when type checking. */
type NoEventsDomain = typeof EVENTS_KEY extends keyof AppContract ? never : unknown;

/** The renderer's view: `orgdesk.orgs.list({ profileId })` resolves to an envelope, never throws. */
export type OrgdeskApi = NoEventsDomain & { readonly [EVENTS_KEY]: OrgdeskEvents } & {
  [D in keyof AppContract]: {
    [V in keyof AppContract[D]]: Input<AppContract[D][V]> extends undefined
      ? (input?: undefined, options?: CallOptions) => Promise<IpcResult<Output<AppContract[D][V]>>>
      : (input: Input<AppContract[D][V]>, options?: CallOptions) => Promise<IpcResult<Output<AppContract[D][V]>>>;
  };
};

/** Main's side: one async function per entry, given the parsed input and the call's signal and deadline. */
export type Handlers = {
  [D in keyof AppContract]: {
    [V in keyof AppContract[D]]: (
      input: ParsedInput<AppContract[D][V]>,
      call: CallContext,
    ) => Promise<Output<AppContract[D][V]>>;
  };
};

export const BRIDGE_KEY = 'orgdesk';
