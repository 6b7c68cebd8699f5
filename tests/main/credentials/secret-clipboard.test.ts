import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SecretClipboard, type ClipboardPort } from '../../../src/main/credentials/secret-clipboard';
import { createLogger, silentLogger } from '../../../src/main/log';

const SECRET = 'cs_clipboard-unit-81c2d7';
const OTHER_SECRET = 'cs_clipboard-second-0a9e';

/** Electron's clipboard as far as text goes, answering with promises as Electron 45 does. */
class FakeClipboard implements ClipboardPort {
  text = '';
  reads = 0;
  clears = 0;
  async writeText(text: string): Promise<void> {
    this.text = text;
  }
  async readText(): Promise<string> {
    this.reads += 1;
    return this.text;
  }
  clear(): void {
    this.clears += 1;
    this.text = '';
  }
}

function setup() {
  const clipboard = new FakeClipboard();
  const lines: string[] = [];
  const copier = new SecretClipboard(
    clipboard,
    createLogger((line) => lines.push(line), 'debug'),
  );
  return { clipboard, lines, copier };
}

describe('copying a secret from main', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('clears the clipboard 30 s later if it still holds the secret', async () => {
    const { clipboard, copier } = setup();
    await expect(copier.copy(SECRET, 'credential_secret')).resolves.toEqual({ clearsAfterMs: 30_000 });
    expect(clipboard.text).toBe(SECRET);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(clipboard.text).toBe(SECRET);
    expect(clipboard.reads).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(clipboard.text).toBe('');
    expect(clipboard.clears).toBe(1);
  });

  it('asks for the clear time at each copy, so a changed setting applies to the next one', async () => {
    const clipboard = new FakeClipboard();
    let seconds = 30;
    const copier = new SecretClipboard(clipboard, silentLogger, async () => seconds * 1_000);
    await expect(copier.copy(SECRET, 'credential_secret')).resolves.toEqual({ clearsAfterMs: 30_000 });
    seconds = 90;
    await expect(copier.copy(SECRET, 'org_token')).resolves.toEqual({ clearsAfterMs: 90_000 });
    await vi.advanceTimersByTimeAsync(89_999);
    expect(clipboard.text).toBe(SECRET);
    await vi.advanceTimersByTimeAsync(1);
    expect(clipboard.text).toBe('');
  });

  it('leaves the clipboard alone if the user copied something else meanwhile', async () => {
    const { clipboard, copier } = setup();
    await copier.copy(SECRET, 'credential_secret');
    await vi.advanceTimersByTimeAsync(10_000);
    clipboard.text = 'a note the user copied';
    await vi.advanceTimersByTimeAsync(20_000);
    expect(clipboard.reads).toBe(1);
    expect(clipboard.text).toBe('a note the user copied');
    expect(clipboard.clears).toBe(0);
  });

  it('lets a second copy replace the pending clear, counting 30 s from it', async () => {
    const { clipboard, copier } = setup();
    await copier.copy(SECRET, 'credential_secret');
    await vi.advanceTimersByTimeAsync(20_000);
    await copier.copy(OTHER_SECRET, 'organization_token');
    await vi.advanceTimersByTimeAsync(10_000);
    // The first clear would have been now; it was replaced.
    expect(clipboard.text).toBe(OTHER_SECRET);
    expect(clipboard.reads).toBe(0);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(clipboard.text).toBe('');
    expect(clipboard.clears).toBe(1);
  });

  it('does not clear a secret copied while the clipboard was being read for an earlier one', async () => {
    const { clipboard, copier } = setup();
    await copier.copy(SECRET, 'credential_secret');
    let release!: () => void;
    clipboard.readText = async () => {
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return SECRET;
    };
    await vi.advanceTimersByTimeAsync(30_000);
    await copier.copy(OTHER_SECRET, 'credential_secret');
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(clipboard.text).toBe(OTHER_SECRET);
    expect(clipboard.clears).toBe(0);
  });

  it('clears at quit what it would have cleared later, and only that', async () => {
    const first = setup();
    await first.copier.copy(SECRET, 'credential_secret');
    await first.copier.dispose();
    expect(first.clipboard.text).toBe('');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(first.clipboard.clears).toBe(1);

    const second = setup();
    await second.copier.copy(SECRET, 'credential_secret');
    second.clipboard.text = 'something else';
    await second.copier.dispose();
    expect(second.clipboard.text).toBe('something else');
  });

  it('never logs the secret nor keeps it in a readable field', async () => {
    const { clipboard, lines, copier } = setup();
    await copier.copy(SECRET, 'credential_secret');
    // Only the system clipboard holds it: with that emptied, nothing in the copier shows it.
    clipboard.text = '';
    expect(inspect(copier, { depth: 5, showHidden: true })).not.toContain(SECRET);
    expect(JSON.stringify(copier)).not.toContain(SECRET);
    clipboard.text = SECRET;
    await vi.advanceTimersByTimeAsync(30_000);
    await copier.copy(OTHER_SECRET, 'credential_secret');
    clipboard.readText = async () => {
      throw new Error('clipboard busy');
    };
    await vi.advanceTimersByTimeAsync(30_000);
    expect(lines.map((line) => JSON.parse(line).event)).toEqual([
      'clipboard.secret_copied',
      'clipboard.secret_cleared',
      'clipboard.secret_copied',
      'clipboard.clear_failed',
    ]);
    const log = lines.join('\n');
    expect(log).not.toContain(SECRET);
    expect(log).not.toContain(OTHER_SECRET);
    expect(log).not.toContain('cs_clipboard');
  });

  it('refuses to copy nothing', async () => {
    const { copier } = setup();
    await expect(copier.copy('', 'credential_secret')).rejects.toMatchObject({ kind: 'invalid_input' });
  });
});
