import type { Logger } from '../log';

/** What the user reads when keytar cannot load because libsecret is not installed. */
export const LIBSECRET_NOTICE = {
  message: 'Install libsecret to keep secrets in your keychain',
  detail:
    'Orgdesk keeps client secrets in the Secret Service (GNOME Keyring, KWallet) through libsecret, which this ' +
    'system does not have. Until it is installed, Orgdesk cannot save or read a secret. Install it, then start ' +
    'Orgdesk again:\n\n' +
    'Debian, Ubuntu: sudo apt install libsecret-1-0\n' +
    'Fedora: sudo dnf install libsecret\n' +
    'Arch: sudo pacman -S libsecret\n' +
    'openSUSE: sudo zypper install libsecret-1-0',
} as const;

export interface LibsecretNoticeOptions {
  platform: NodeJS.Platform;
  /** Loads keytar, whose binary links against libsecret-1.so.0: loading fails when it is missing. */
  loadKeytar: () => unknown;
  /** Shows the notice (the app passes Electron's message box). */
  show: (notice: typeof LIBSECRET_NOTICE) => Promise<unknown>;
  logger: Logger;
}

/**
 * At start on Linux: says what to install when libsecret is missing. The deb depends on it, but
 * the AppImage runs wherever it is copied, and without this the first sign would be a failed save.
 * Resolves to whether the notice was shown. Any other keytar failure is left to the keychain's
 * own errors, when a secret is first used.
 */
export async function noticeMissingLibsecret(options: LibsecretNoticeOptions): Promise<boolean> {
  if (options.platform !== 'linux') return false;
  try {
    options.loadKeytar();
    return false;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (!/libsecret/i.test(reason)) return false;
    options.logger.warn('keychain.libsecret_missing', { reason });
    await options.show(LIBSECRET_NOTICE);
    return true;
  }
}
