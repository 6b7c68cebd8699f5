/**
 * What the keychain listing child and its parent say to each other, in a module of its own so
 * the child's bundle carries nothing else.
 */

/** How the child is told which service to list: `${SERVICE_ARG}<service>` among its arguments. */
export const SERVICE_ARG = '--service=';

/** What the child sends: the accounts, or the keychain's own refusal. */
export type AccountsMessage = { accounts: string[] } | { error: string };
