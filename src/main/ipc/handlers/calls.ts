import type { Handlers } from '../../../shared/ipc/contract';
import type { CallRegistry } from '../calls';

export function callHandlers(calls: CallRegistry): Handlers['calls'] {
  return {
    cancel: async ({ callId }) => ({ cancelled: calls.cancel(callId) }),
  };
}
