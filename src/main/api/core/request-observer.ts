import type { HttpMethod } from './client';

/** Why an attempt has no status: the answer never came, or was refused before it went out. */
export type RequestFailure = 'timeout' | 'network' | 'cancelled' | 'too_large' | 'unsendable';

/**
 * One HTTP request the client sent (or began to send), as told to an observer once it ended.
 * Only what the request line and the outcome say: never a header value (the request ID aside)
 * and never a body.
 */
export interface ObservedRequest {
  /** Epoch ms the attempt began. */
  startedAt: number;
  method: HttpMethod;
  /**
   * Below the base URL, with the query string as sent (IDs and values in it): the observer
   * decides what of it to keep.
   */
  target: string;
  /** The `X-Client-Request-ID` it carried. */
  requestId: string;
  /** Absent when no answer came (see `failure`). */
  status?: number;
  failure?: RequestFailure;
  ms: number;
  /** 1 for the first send of a call; a retry or a send after a refreshed token counts up. */
  attempt: number;
}

/** Told of every request a client makes, its token requests included. */
export type RequestObserver = (request: ObservedRequest) => void;

/** An observer that throws must never change what the request answers. */
export function tell(observer: RequestObserver | undefined, request: ObservedRequest): void {
  if (observer === undefined) return;
  try {
    observer(request);
  } catch {
    // The activity log is a view on the requests, not part of them.
  }
}
