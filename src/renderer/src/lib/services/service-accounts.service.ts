import type { QueryClient } from '@tanstack/svelte-query';
import { toast } from 'svelte-sonner';
import type { ServiceAccount } from '../../../../shared/api/service-accounts';
import type { OrgRef } from '../../../../shared/ipc/organizations';
import type { ProfileView } from '../../../../shared/ipc/profiles';
import type {
  CredentialCreateInput,
  CredentialCreated,
  CredentialList,
  CredentialRef,
  CredentialView,
  HeldSecret,
  OrgTokenIssued,
  ServiceAccountList,
  ServiceAccountRef,
  ServiceAccountRemoved,
} from '../../../../shared/ipc/service-accounts';
import type { RotationAction, RotationReport } from '../../../../shared/ipc/rotation';
import { orgdesk } from '../ipc/bridge';
import { cancellableCall, isCancelled } from '../ipc/cancellable';
import { unwrap as unwrapOrThrow } from '../ipc/ipc-failure';
import { queryKeys } from '../queries/query-keys';
import { sidebar } from '../state/sidebar.svelte';
import { isolate } from '../utils/bidi';
import { isOutcomeUnknown } from './orgs.service';

export function listServiceAccounts(ref: OrgRef, signal?: AbortSignal): Promise<ServiceAccountList> {
  return cancellableCall(signal, (options) => orgdesk().serviceAccounts.list(ref, options));
}

export function listCredentials(ref: ServiceAccountRef, signal?: AbortSignal): Promise<CredentialList> {
  return cancellableCall(signal, (options) => orgdesk().credentials.list(ref, options));
}

/** Runs a change; when it may have happened without saying so, the lists it touches are read again. */
async function settled<T>(refresh: () => unknown, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isCancelled(error) || isOutcomeUnknown(error)) void refresh();
    throw error;
  }
}

function refreshAccounts(client: QueryClient, ref: OrgRef): Promise<unknown> {
  return client.invalidateQueries({ queryKey: queryKeys.serviceAccounts(ref.profileId, ref.orgId) });
}

function refreshCredentials(client: QueryClient, ref: ServiceAccountRef): Promise<unknown> {
  return client.invalidateQueries({
    queryKey: queryKeys.credentials(ref.profileId, ref.orgId, ref.serviceAccountId),
  });
}

export async function createServiceAccount(
  client: QueryClient,
  ref: OrgRef,
  fields: { name: string; description?: string },
  signal?: AbortSignal,
): Promise<ServiceAccount> {
  const created = await settled(
    () => refreshAccounts(client, ref),
    () => cancellableCall(signal, (options) => orgdesk().serviceAccounts.create({ ...ref, ...fields }, options)),
  );
  void refreshAccounts(client, ref);
  toast.success(`Created ${isolate(created.name)}`);
  return created;
}

export async function updateServiceAccount(
  client: QueryClient,
  ref: ServiceAccountRef,
  fields: { name?: string; description?: string | null },
  signal?: AbortSignal,
): Promise<ServiceAccount> {
  const updated = await settled(
    () => refreshAccounts(client, ref),
    () => cancellableCall(signal, (options) => orgdesk().serviceAccounts.update({ ...ref, ...fields }, options)),
  );
  client.setQueryData<ServiceAccountList>(queryKeys.serviceAccounts(ref.profileId, ref.orgId), (list) =>
    list === undefined
      ? list
      : { ...list, items: list.items.map((item) => (item.id === updated.id ? { ...item, ...updated } : item)) },
  );
  return updated;
}

export async function removeServiceAccount(
  client: QueryClient,
  ref: ServiceAccountRef,
  signal?: AbortSignal,
): Promise<ServiceAccountRemoved> {
  const removed = await settled(
    () => refreshAccounts(client, ref),
    () => cancellableCall(signal, (options) => orgdesk().serviceAccounts.remove(ref, options)),
  );
  client.setQueryData<ServiceAccountList>(queryKeys.serviceAccounts(ref.profileId, ref.orgId), (list) =>
    list === undefined ? list : { ...list, items: list.items.filter((item) => item.id !== ref.serviceAccountId) },
  );
  client.removeQueries({ queryKey: queryKeys.credentials(ref.profileId, ref.orgId, ref.serviceAccountId) });
  return removed;
}

/** Creates a credential; the answer holds its secret, for the panel that shows it once. */
export async function createCredential(
  client: QueryClient,
  input: CredentialCreateInput,
  signal?: AbortSignal,
): Promise<CredentialCreated> {
  const created = await settled(
    () => refreshCredentials(client, input),
    () => cancellableCall(signal, (options) => orgdesk().credentials.create(input, options)),
  );
  client.setQueryData<CredentialList>(
    queryKeys.credentials(input.profileId, input.orgId, input.serviceAccountId),
    (list) => (list === undefined ? list : { ...list, items: [...list.items, created.credential] }),
  );
  return created;
}

function replaceCredential(client: QueryClient, ref: CredentialRef, credential: CredentialView): void {
  client.setQueryData<CredentialList>(queryKeys.credentials(ref.profileId, ref.orgId, ref.serviceAccountId), (list) =>
    list === undefined
      ? list
      : { ...list, items: list.items.map((item) => (item.id === credential.id ? credential : item)) },
  );
}

export async function saveCredentialSecret(client: QueryClient, ref: CredentialRef): Promise<CredentialView> {
  const credential = await orgdesk().credentials.saveSecret(ref).then(unwrapOrThrow);
  replaceCredential(client, ref, credential);
  return credential;
}

/** The panel closed: main lets go of the secret it held for it. Nothing to report either way. */
export function forgetCredentialSecret(ref: CredentialRef): void {
  void orgdesk().credentials.forgetSecret(ref);
}

export async function copyCredentialSecret(ref: CredentialRef, name: string): Promise<void> {
  const { clearsAfterSeconds } = await orgdesk().credentials.copySecret(ref).then(unwrapOrThrow);
  toast.success(`Secret of ${isolate(name)} copied`, {
    description: `The clipboard is cleared in ${clearsAfterSeconds} s if it still holds it.`,
  });
}

export function revealCredentialSecret(ref: CredentialRef, signal?: AbortSignal): Promise<string> {
  return cancellableCall(signal, (options) => orgdesk().credentials.revealSecret(ref, options)).then(
    (answer) => answer.clientSecret,
  );
}

export async function revokeCredential(client: QueryClient, ref: CredentialRef, signal?: AbortSignal): Promise<void> {
  await settled(
    () => refreshCredentials(client, ref),
    () => cancellableCall(signal, (options) => orgdesk().credentials.revoke(ref, options)),
  );
  client.setQueryData<CredentialList>(queryKeys.credentials(ref.profileId, ref.orgId, ref.serviceAccountId), (list) =>
    list === undefined ? list : { ...list, items: list.items.filter((item) => item.id !== ref.credentialId) },
  );
}

/** Adds a profile that signs in as the credential, and shows it in the sidebar. */
export async function useCredentialAsProfile(
  client: QueryClient,
  ref: CredentialRef,
  profile: { name: string; color: string },
  signal?: AbortSignal,
): Promise<ProfileView> {
  const created = await cancellableCall(signal, (options) =>
    orgdesk().credentials.useAsProfile({ ...ref, ...profile }, options),
  );
  await client.invalidateQueries({ queryKey: queryKeys.profiles });
  sidebar.expand(created.id);
  toast.success(`Profile ${isolate(created.name)} added`, { description: 'Its organizations are in the sidebar.' });
  return created;
}

export function issueOrgToken(ref: OrgRef, signal?: AbortSignal): Promise<OrgTokenIssued> {
  return cancellableCall(signal, (options) => orgdesk().orgs.token(ref, options));
}

export async function copyOrgToken(handle: string): Promise<void> {
  const { clearsAfterSeconds } = await orgdesk().orgs.copyToken({ handle }).then(unwrapOrThrow);
  toast.success('Token copied', {
    description: `The clipboard is cleared in ${clearsAfterSeconds} s if it still holds it.`,
  });
}

/** Rotations not finished (a quit or a failure stopped them), for the report in the window. */
export function listRotations(signal?: AbortSignal): Promise<RotationReport[]> {
  return cancellableCall(signal, (options) => orgdesk().credentials.rotations(undefined, options)).then(
    (answer) => answer.items,
  );
}

/** After a rotation moved: the credentials of its account and the profiles it may have repointed, read again. */
function rotationChanged(client: QueryClient, report: RotationReport): Promise<unknown> {
  const { profileId, orgId, serviceAccountId } = report.target;
  return Promise.all([
    client.invalidateQueries({ queryKey: queryKeys.credentials(profileId, orgId, serviceAccountId) }),
    client.invalidateQueries({ queryKey: queryKeys.rotations }),
    report.repointedProfileIds.length > 0 ? client.invalidateQueries({ queryKey: queryKeys.profiles }) : undefined,
  ]);
}

/**
 * Rotates a credential. The call answers when the rotation ends or stops at a step; `onprogress`
 * gets the journal's view meanwhile, so each step shows its state as it goes.
 */
export async function rotateCredential(
  client: QueryClient,
  ref: CredentialRef,
  onprogress: (report: RotationReport) => void,
): Promise<RotationReport> {
  let finished = false;
  const poll = async () => {
    while (!finished) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      if (finished) return;
      const items = await listRotations().catch(() => []);
      const running = items.find((item) => item.target.credentialId === ref.credentialId && item.state === 'running');
      if (running && !finished) onprogress(running);
    }
  };
  void poll();
  try {
    const report = await orgdesk().credentials.rotate(ref).then(unwrapOrThrow);
    void rotationChanged(client, report);
    return report;
  } catch (error) {
    void client.invalidateQueries({ queryKey: queryKeys.rotations });
    throw error;
  } finally {
    finished = true;
  }
}

export async function actOnRotation(
  client: QueryClient,
  rotationId: string,
  action: RotationAction,
): Promise<RotationReport> {
  const report = await orgdesk().credentials.rotationAction({ rotationId, action }).then(unwrapOrThrow);
  void rotationChanged(client, report);
  return report;
}

export function keychainInventory(signal?: AbortSignal): Promise<HeldSecret[]> {
  return cancellableCall(signal, (options) => orgdesk().credentials.inventory(undefined, options)).then(
    (answer) => answer.items,
  );
}

/** Deletes held secrets one after another; the credential lists that showed them as held read again. */
export async function forgetHeldSecrets(client: QueryClient, items: readonly HeldSecret[]): Promise<number> {
  let deleted = 0;
  for (const { profileId, orgId, serviceAccountId, credentialId, clientId } of items) {
    const answer = await orgdesk()
      .credentials.forgetHeld({ profileId, orgId, serviceAccountId, credentialId, clientId })
      .then(unwrapOrThrow);
    if (answer.deleted) deleted += 1;
    void client.invalidateQueries({ queryKey: queryKeys.credentials(profileId, orgId, serviceAccountId) });
  }
  return deleted;
}
