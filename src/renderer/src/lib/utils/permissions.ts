import type { Permissions } from '../../../../shared/api/common';

export interface Denial {
  /** `resource.action`, as the API names it, so an admin can match it to role settings. */
  permission: string;
  reason: string;
}

/**
 * Whether the principal's permissions map refuses an action. An absent entry is not a
 * refusal: the server is the judge, and a missing map only means it was not sent.
 */
export function denial(
  permissions: Permissions | undefined,
  resource: string,
  action: string,
  doing: string,
): Denial | null {
  if (permissions?.[resource]?.[action] !== false) return null;
  const permission = `${resource}.${action}`;
  return { permission, reason: `Your role in this organization doesn't allow ${doing} (${permission})` };
}
