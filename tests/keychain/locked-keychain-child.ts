// Runs inside a keyring session of its own (see locked-keychain.test.ts), because it locks it.
import { execFileSync } from 'node:child_process';
import { OrgdeskError } from '../../src/main/errors';
import { silentLogger } from '../../src/main/log';
import { ProfileFile } from '../../src/main/profiles/profile-file';
import { ProfileService } from '../../src/main/profiles/profile-service';
import { createKeytarStore } from '../../src/main/secrets/keytar-store';

const [dir, firstSecret, secondSecret] = process.argv.slice(2) as [string, string, string];
const profiles = new ProfileService(
  new ProfileFile(dir, silentLogger),
  createKeytarStore('Orgdesk locked', silentLogger),
  silentLogger,
);
const form = (name: string, clientSecret: string) => ({
  name,
  baseUrl: 'https://api.keycard.ai',
  color: '#2563eb',
  authKind: 'client_credentials' as const,
  clientId: `sa_${name}`,
  clientSecret,
});
const outcome = async (work: () => Promise<unknown>) => {
  try {
    await work();
    return { ok: true };
  } catch (error) {
    return error instanceof OrgdeskError
      ? { ok: false, kind: error.kind, message: error.message }
      : { ok: false, kind: 'crash', message: String(error) };
  }
};

const first = await profiles.create(form('first', firstSecret));
execFileSync('dbus-send', [
  '--session',
  '--print-reply',
  '--dest=org.freedesktop.secrets',
  '/org/freedesktop/secrets',
  'org.freedesktop.Secret.Service.Lock',
  'array:objpath:/org/freedesktop/secrets/collection/login',
]);
const createWhileLocked = await outcome(() => profiles.create(form('second', secondSecret)));
const listAfterRefusal = await profiles.list();
const readWhileLocked = await outcome(() => profiles.secretOf(first.id));
process.stdout.write(
  JSON.stringify({
    createWhileLocked,
    keychainAfterRefusal: listAfterRefusal.keychain,
    profileNames: listAfterRefusal.profiles.map((p) => p.name),
    readWhileLocked,
  }),
);
