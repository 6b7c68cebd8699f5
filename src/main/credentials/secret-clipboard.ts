import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { InvalidInputError } from '../errors';
import type { Logger } from '../log';
import { CLIPBOARD_CLEAR_SECONDS } from '../../shared/ipc/settings';

/** The part of Electron's `clipboard` used here (its calls may answer at once or as promises). */
export interface ClipboardPort {
  writeText(text: string): Promise<void> | void;
  readText(): Promise<string> | string;
  clear(): Promise<void> | void;
}

/** How long a copied secret stays on the clipboard if nothing else is copied, unless settings say otherwise. */
export const CLIPBOARD_CLEAR_MS = CLIPBOARD_CLEAR_SECONDS.default * 1_000;

interface Pending {
  timer: NodeJS.Timeout;
  /** A keyed hash of what was copied: enough to recognise it, useless to anyone reading memory. */
  digest: Buffer;
}

/**
 * Copies a secret to the system clipboard from main, so the window never holds it, and clears
 * the clipboard after a while only if it still holds that secret: whatever the user copied
 * since is left alone. While waiting only an HMAC of the value is kept (under a key made for
 * this process), never the value. A second copy replaces the pending clear.
 */
export class SecretClipboard {
  readonly #key = randomBytes(32);
  #pending: Pending | undefined;

  constructor(
    private readonly clipboard: ClipboardPort,
    private readonly logger: Logger,
    /** Asked at each copy, so a changed setting applies to the next one. */
    private readonly clearAfterMs: () => number | Promise<number> = () => CLIPBOARD_CLEAR_MS,
  ) {}

  /** `what` names the secret for the log (e.g. `credential_secret`), never its value. */
  async copy(secret: string, what: string): Promise<{ clearsAfterMs: number }> {
    if (secret.length === 0) {
      throw new InvalidInputError('There is nothing to copy.', [{ path: 'secret', message: 'Empty' }]);
    }
    const clearsAfterMs = await this.clearAfterMs();
    this.#cancel();
    await this.clipboard.writeText(secret);
    const pending: Pending = {
      digest: this.#digest(secret),
      timer: setTimeout(() => void this.#clearIfUnchanged(pending, 'timer'), clearsAfterMs),
    };
    pending.timer.unref?.();
    this.#pending = pending;
    this.logger.info('clipboard.secret_copied', { what, clearsAfterMs });
    return { clearsAfterMs };
  }

  /**
   * Reads a secret the user copied elsewhere (a provider's console) for main to send, so it
   * never passes through the window. The text is the caller's to check; it is never logged.
   */
  async paste(what: string): Promise<string> {
    const text = await this.clipboard.readText();
    this.logger.info('clipboard.secret_pasted', { what, empty: text.length === 0 });
    return text;
  }

  /**
   * After a pasted secret was stored where it belongs: clears the clipboard if it still holds
   * it, so it does not linger for the next paste. Anything copied since is left alone.
   */
  async clearPasted(secret: string): Promise<boolean> {
    try {
      const current = await this.clipboard.readText();
      if (!timingSafeEqual(this.#digest(current), this.#digest(secret))) return false;
      this.#cancel();
      await this.clipboard.clear();
      this.logger.info('clipboard.secret_cleared', { when: 'after_paste' });
      return true;
    } catch (error) {
      this.logger.warn('clipboard.clear_failed', {
        when: 'after_paste',
        reason: error instanceof Error ? error.message : 'unknown',
      });
      return false;
    }
  }

  /** On quit: clears now what would have been cleared later, so the secret does not outlive the app. */
  async dispose(): Promise<void> {
    const pending = this.#pending;
    if (pending) await this.#clearIfUnchanged(pending, 'quit');
  }

  async #clearIfUnchanged(pending: Pending, when: 'timer' | 'quit'): Promise<void> {
    if (this.#pending !== pending) return;
    clearTimeout(pending.timer);
    try {
      const current = await this.clipboard.readText();
      // A copy made while the clipboard was being read has its own clear to come.
      if (this.#pending !== pending) return;
      this.#pending = undefined;
      if (timingSafeEqual(this.#digest(current), pending.digest)) {
        await this.clipboard.clear();
        this.logger.info('clipboard.secret_cleared', { when });
      } else {
        this.logger.info('clipboard.left_alone', { when });
      }
    } catch (error) {
      if (this.#pending === pending) this.#pending = undefined;
      // The clipboard's own words, never its content.
      this.logger.warn('clipboard.clear_failed', { when, reason: error instanceof Error ? error.message : 'unknown' });
    }
  }

  #cancel(): void {
    if (this.#pending) clearTimeout(this.#pending.timer);
    this.#pending = undefined;
  }

  #digest(text: string): Buffer {
    return createHmac('sha256', this.#key).update(text, 'utf8').digest();
  }
}
