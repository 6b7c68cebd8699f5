import { ConnectionError, TimeoutError, outcomeUnknown } from '../core/errors';

/**
 * Runs a create, which the client never sends twice blindly. When the answer is lost after
 * the request may have arrived, the error says what may exist (`what`), so the screen is
 * refreshed before anyone retries.
 */
export async function createOnce<T>(send: () => Promise<T>, what: string): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if ((error instanceof TimeoutError || error instanceof ConnectionError) && error.maybeSent) {
      throw outcomeUnknown(error, what);
    }
    throw error;
  }
}
