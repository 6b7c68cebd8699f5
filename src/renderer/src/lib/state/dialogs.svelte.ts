import type { ProfileView } from '../../../../shared/ipc/profiles';

export type ProfileDialog = { kind: 'add' } | { kind: 'edit'; profile: ProfileView };

/** Which modal is up. One at a time: opening one replaces the other. */
class DialogsManager {
  #profileForm = $state<ProfileDialog | null>(null);
  #removal = $state<ProfileView | null>(null);

  get profileForm(): ProfileDialog | null {
    return this.#profileForm;
  }

  get removal(): ProfileView | null {
    return this.#removal;
  }

  addProfile(): void {
    this.#removal = null;
    this.#profileForm = { kind: 'add' };
  }

  editProfile(profile: ProfileView): void {
    this.#removal = null;
    this.#profileForm = { kind: 'edit', profile };
  }

  confirmRemoval(profile: ProfileView): void {
    this.#profileForm = null;
    this.#removal = profile;
  }

  closeProfileForm(): void {
    this.#profileForm = null;
  }

  closeRemoval(): void {
    this.#removal = null;
  }
}

export const dialogs = new DialogsManager();
