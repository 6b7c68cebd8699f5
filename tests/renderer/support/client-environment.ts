import type { Environment } from 'vitest/environments';

/**
 * Node globals, but modules transformed as for the window: Svelte compiles runes for its client
 * runtime (effects run, `$effect.root` works) instead of the server one, where they are inert.
 */
export default {
  name: 'svelte-client',
  viteEnvironment: 'client',
  setup: () => ({ teardown: () => undefined }),
} satisfies Environment;
