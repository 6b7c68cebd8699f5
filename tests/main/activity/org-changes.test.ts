import { describe, expect, it } from 'vitest';
import { ActivityLog } from '../../../src/main/activity/activity-log';
import { OrgChangeFeed, changeOf } from '../../../src/main/activity/org-changes';
import type { ObservedRequest } from '../../../src/main/api';
import type { OrgChanged } from '../../../src/shared/ipc/organizations';

const owner = { profileId: '11111111-1111-4111-8111-111111111111', profileName: 'Operations' };

function request(method: string, path: string, status?: number): ObservedRequest {
  return {
    method: method as ObservedRequest['method'],
    target: path,
    startedAt: Date.now(),
    ms: 12,
    attempt: 1,
    requestId: 'req-1',
    ...(status === undefined ? { failure: 'network' as const } : { status }),
  };
}

describe('organization changes learnt from the activity log', () => {
  it('counts a write the server accepted, to an organization, and nothing else', () => {
    const log = new ActivityLog(10);
    const entry = (method: string, path: string, status?: number) => log.record(owner, request(method, path, status));
    expect(changeOf(entry('PATCH', '/organizations/org_a', 200))).toEqual({
      profileId: owner.profileId,
      orgId: 'org_a',
    });
    expect(changeOf(entry('DELETE', '/organizations/org_a/users/u_1', 204))?.orgId).toBe('org_a');
    expect(changeOf(entry('GET', '/organizations/org_a', 200))).toBeUndefined();
    expect(changeOf(entry('PATCH', '/organizations/org_a', 409))).toBeUndefined();
    expect(changeOf(entry('POST', '/organizations/org_a/invitations'))).toBeUndefined();
    expect(changeOf(entry('POST', '/organizations', 201))).toBeUndefined();
  });

  it('tells listeners once per organization for a burst of writes in one turn', async () => {
    const log = new ActivityLog(100);
    const feed = new OrgChangeFeed(log);
    const heard: OrgChanged[] = [];
    feed.subscribe((change) => heard.push(change));
    for (let i = 0; i < 20; i++) log.record(owner, request('PATCH', `/organizations/org_a/users/u_${i}`, 200));
    log.record(owner, request('PATCH', '/organizations/org_b', 200));
    await Promise.resolve();
    expect(heard).toEqual([
      { profileId: owner.profileId, orgId: 'org_a' },
      { profileId: owner.profileId, orgId: 'org_b' },
    ]);
    feed.dispose();
    log.record(owner, request('PATCH', '/organizations/org_a', 200));
    await Promise.resolve();
    expect(heard).toHaveLength(2);
  });
});
