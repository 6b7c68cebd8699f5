import type {
  ConnectionTestResult,
  ProfileCreateInput,
  ProfileList,
  ProfileTestInput,
  ProfileUpdateInput,
  ProfileView,
} from '../../../../shared/ipc/profiles';
import { orgdesk } from '../ipc/bridge';
import { unwrap } from '../ipc/ipc-failure';

export async function listProfiles(): Promise<ProfileList> {
  return unwrap(await orgdesk().profiles.list());
}

export async function createProfile(input: ProfileCreateInput): Promise<ProfileView> {
  return unwrap(await orgdesk().profiles.create(input));
}

export async function updateProfile(input: ProfileUpdateInput): Promise<ProfileView> {
  return unwrap(await orgdesk().profiles.update(input));
}

export async function removeProfile(id: string): Promise<{ id: string }> {
  return unwrap(await orgdesk().profiles.remove({ id }));
}

export async function testConnection(input: ProfileTestInput): Promise<ConnectionTestResult> {
  return unwrap(await orgdesk().profiles.test(input));
}

export async function addSandboxProfile(): Promise<ProfileView> {
  return unwrap(await orgdesk().profiles.addSandbox());
}
