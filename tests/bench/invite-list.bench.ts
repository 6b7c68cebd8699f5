import { bench, describe } from 'vitest';
import type { Role } from '../../src/shared/api/roles';
import { MAX_INVITATIONS_PER_BATCH, parseInviteList } from '../../src/shared/people/invite-list';

const ROLES: Role[] = [
  { name: 'org_admin', label: 'Organization Administrator', description: '', scope: 'organization' },
  { name: 'org_member', label: 'Organization Member', description: '', scope: 'organization' },
  { name: 'org_viewer', label: 'Organization Viewer', description: '', scope: 'organization' },
];
const OPTIONS = { defaultRole: 'org_member' as const, roles: ROLES };

const addresses = (count: number) => Array.from({ length: count }, (_, i) => `person.${i}@acme.example`);
const tenThousandLines = addresses(10_000).join('\n');
const fullBatch = addresses(MAX_INVITATIONS_PER_BATCH).join(', ');
const fullCsv = [
  'name,email,role',
  ...addresses(MAX_INVITATIONS_PER_BATCH).map((email, i) => `"Person ${i}",${email},Organization Viewer`),
].join('\n');

// What the paste step costs before the review shows: a 10,000-line paste is counted and refused,
// a full batch is read and every address checked with the schema main applies.
describe('parsing a pasted invitation list', () => {
  bench('10,000 lines (refused past the limit)', () => {
    parseInviteList(tenThousandLines, OPTIONS);
  });
  bench(`${MAX_INVITATIONS_PER_BATCH} addresses, comma separated`, () => {
    parseInviteList(fullBatch, OPTIONS);
  });
  bench(`${MAX_INVITATIONS_PER_BATCH} CSV rows with quoted cells and role labels`, () => {
    parseInviteList(fullCsv, OPTIONS);
  });
});
