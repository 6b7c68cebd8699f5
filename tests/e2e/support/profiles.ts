import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { AppServices } from '../../../src/main/app-services';
import type { RunningSandbox } from '../../../src/main/sandbox/server';

/** Saves a service-account profile for the sandbox's primary credential straight through IPC. */
export async function createSandboxProfile(services: AppServices, name = 'Staging'): Promise<RunningSandbox> {
  const sandbox = await services.sandbox.ensure();
  const created = await services.dispatch('profiles:create', {
    name,
    baseUrl: sandbox.url,
    color: '#16a34a',
    authKind: 'client_credentials',
    clientId: sandbox.primaryCredential.clientId,
    clientSecret: sandbox.primaryCredential.clientSecret,
  });
  expect(created.ok).toBe(true);
  return sandbox;
}

/**
 * Fills the open profile dialog for the sandbox with a wrong secret and runs Test connection,
 * leaving the dialog showing the failed test.
 */
export async function fillProfileWithWrongSecret(page: Page, sandbox: RunningSandbox): Promise<void> {
  const dialog = page.getByRole('dialog');
  await page.getByLabel('Display name', { exact: true }).fill('Broken');
  await page.getByLabel('API base URL', { exact: true }).fill(sandbox.url);
  await page.getByLabel('Client ID', { exact: true }).fill(sandbox.primaryCredential.clientId);
  await page.getByLabel('Client secret', { exact: true }).fill('not-the-secret');
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  await dialog.getByRole('alert').filter({ hasText: 'Connection failed' }).waitFor();
}
