import type { Environment } from '../../../../shared/ipc/profiles';

interface EnvironmentWords {
  /** The badge's text: short enough for a tab, never the colour alone. */
  short: string;
  /** What assistive tech hears and the form offers. */
  long: string;
}

export const ENVIRONMENT_WORDS: Record<Environment, EnvironmentWords> = {
  production: { short: 'PROD', long: 'Production' },
  staging: { short: 'STAGING', long: 'Staging' },
  development: { short: 'DEV', long: 'Development' },
  sandbox: { short: 'SANDBOX', long: 'Sandbox' },
};
