/// <reference types="electron-vite/node" />
/**
 * Where the built keychain listing child is: electron-vite bundles `?modulePath` imports as
 * entries of their own and answers their path. Only the app's entry imports this (tests run the
 * child from source), so it stays out of modules that run under vitest.
 */
import entry from './keychain-accounts-child?modulePath';

export const keychainAccountsEntry: string = entry;
