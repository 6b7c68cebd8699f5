import type { Handlers } from '../../../shared/ipc/contract';
import type { SsoService } from '../../sso/sso-service';

/** An organization's SSO connection: one-liners over the SSO service. */
export function ssoHandlers(service: SsoService): Handlers['sso'] {
  return {
    get: (ref, call) => service.get(ref, call),
    discover: ({ identifier }, call) => service.discover(identifier, call),
    enable: ({ profileId, orgId, ...fields }, call) => service.enable({ profileId, orgId }, fields, call),
    update: ({ profileId, orgId, ...fields }, call) => service.update({ profileId, orgId }, fields, call),
    disable: (ref, call) => service.disable(ref, call),
    check: (ref, call) => service.check(ref, call),
  };
}
