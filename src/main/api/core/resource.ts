import type { KeycardClient } from './client';

/** Base of every resource class: all a resource needs is the client to send through. */
export abstract class APIResource {
  constructor(protected readonly client: KeycardClient) {}
}
