import type { ProfileView } from '../../../../shared/ipc/profiles';

export type ProfileDialog = { kind: 'add' } | { kind: 'edit'; profile: ProfileView };

/** Which modal is up. One at a time: opening one replaces the other. */
class DialogsManager {
  #profileForm = $state<ProfileDialog | null>(null);
  #removal = $state<ProfileView | null>(null);
  #newOrganization = $state<ProfileView | null>(null);
  #keychain = $state(false);

  /** Whether the keychain inventory is open. */
  get keychain(): boolean {
    return this.#keychain;
  }

  openKeychain(): void {
    this.#closeAll();
    this.#keychain = true;
  }

  closeKeychain(): void {
    this.#keychain = false;
  }

  get profileForm(): ProfileDialog | null {
    return this.#profileForm;
  }

  get removal(): ProfileView | null {
    return this.#removal;
  }

  /** The profile a new organization is being created under. */
  get newOrganization(): ProfileView | null {
    return this.#newOrganization;
  }

  addProfile(): void {
    this.#closeAll();
    this.#profileForm = { kind: 'add' };
  }

  editProfile(profile: ProfileView): void {
    this.#closeAll();
    this.#profileForm = { kind: 'edit', profile };
  }

  confirmRemoval(profile: ProfileView): void {
    this.#closeAll();
    this.#removal = profile;
  }

  createOrganization(profile: ProfileView): void {
    this.#closeAll();
    this.#newOrganization = profile;
  }

  closeNewOrganization(): void {
    this.#newOrganization = null;
  }

  #closeAll(): void {
    this.#profileForm = null;
    this.#removal = null;
    this.#newOrganization = null;
    this.#keychain = false;
  }

  closeProfileForm(): void {
    this.#profileForm = null;
  }

  closeRemoval(): void {
    this.#removal = null;
  }
}

export const dialogs = new DialogsManager();
