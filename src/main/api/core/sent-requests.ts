import { subscribe } from 'node:diagnostics_channel';

/**
 * Which requests undici has started writing to a socket, by `X-Client-Request-ID`. A request
 * that ran out of time while still queued for a connection never reached a server: it cannot
 * have created anything, and its ID is in no server's log. undici says when it writes a
 * request's headers on its diagnostics channel; only the IDs `watch` registers are kept.
 */
const watched = new Map<string, () => void>();
const REQUEST_ID_LINE = /^x-client-request-id: *([0-9a-f-]{36})\r?$/im;

subscribe('undici:client:sendHeaders', (message) => {
  const headers = (message as { headers?: unknown }).headers;
  if (typeof headers !== 'string' || watched.size === 0) return;
  const id = REQUEST_ID_LINE.exec(headers)?.[1];
  if (id !== undefined) watched.get(id)?.();
});

/** Calls `onSent` when the request with this ID starts going out; the returned function stops watching. */
export function watchSent(requestId: string, onSent: () => void): () => void {
  watched.set(requestId, onSent);
  return () => {
    if (watched.get(requestId) === onSent) watched.delete(requestId);
  };
}
