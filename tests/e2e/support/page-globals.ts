import type { OrgdeskApi } from '../../../src/shared/ipc/contract';

/**
 * What tests touch inside `page.evaluate`, typed without pulling the DOM lib into the
 * node tsconfig (which would let main code use `window` unnoticed).
 * Use as `const g = globalThis as unknown as PageGlobals`.
 */
export interface PageGlobals {
  orgdesk?: OrgdeskApi;
  __orgdeskInvoke?: (channel: string, payload: unknown) => Promise<unknown>;
  document: PageDocument;
  addEventListener(
    type: 'securitypolicyviolation',
    listener: (event: { violatedDirective: string; blockedURI: string }) => void,
  ): void;
}

export interface PageElement {
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
}

export interface PageDocument {
  activeElement: PageElement | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  createElement(tag: string): PageElement;
  body: { appendChild(node: PageElement): void };
}
