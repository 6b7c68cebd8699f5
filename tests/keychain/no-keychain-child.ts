// Run in a child process whose D-Bus address leads nowhere: libsecret binds the bus once per process.
import { silentLogger } from '../../src/main/log';
import { OrgdeskError } from '../../src/main/errors';
import { ProfileFile } from '../../src/main/profiles/profile-file';
import { ProfileService } from '../../src/main/profiles/profile-service';
import { createKeytarStore } from '../../src/main/secrets/keytar-store';

const [dir, secret] = process.argv.slice(2) as [string, string];
const profiles = new ProfileService(
  new ProfileFile(dir, silentLogger),
  createKeytarStore('Orgdesk no bus', silentLogger),
  silentLogger,
);
try {
  await profiles.create({
    name: 'Nowhere',
    baseUrl: 'https://api.keycard.ai',
    color: '#dc2626',
    authKind: 'client_credentials',
    clientId: 'sa_nowhere',
    clientSecret: secret,
  });
  process.stdout.write(JSON.stringify({ kind: 'none' }));
} catch (error) {
  const list = await profiles.list();
  const { kind, message } = error instanceof OrgdeskError ? error : { kind: 'other', message: String(error) };
  process.stdout.write(JSON.stringify({ kind, message, profilesListed: list.keychain }));
}
