import type { Logger } from '../log';
import type { RunningSandbox, SeedOptions } from '../sandbox/server';

/**
 * The sandbox the app's demo mode talks to, started in the main process on first use
 * (not at launch: most sessions never need it) and listening on 127.0.0.1 only. The server and
 * Fastify are imported here, on first use, so the build puts them in a chunk of their own that
 * start-up never loads (tests/packaging checks the built entry does not import it).
 */
export class EmbeddedSandbox {
  #running: Promise<RunningSandbox> | undefined;

  /** `seed` is for tests and tools (e.g. one organization with 10,000 people); the app seeds the default. */
  constructor(
    private readonly logger: Logger,
    private readonly seed?: SeedOptions,
  ) {}

  ensure(): Promise<RunningSandbox> {
    if (this.#running) return this.#running;
    const starting = import('../sandbox/server')
      .then(({ startSandbox }) => startSandbox(this.seed === undefined ? {} : { seed: this.seed }))
      .then(
        (sandbox) => {
          this.logger.info('sandbox.started', { url: sandbox.url });
          return sandbox;
        },
        (error: unknown) => {
          this.#running = undefined;
          throw error;
        },
      );
    this.#running = starting;
    return starting;
  }

  async close(): Promise<void> {
    const running = this.#running;
    this.#running = undefined;
    if (running) await (await running).close();
  }
}
