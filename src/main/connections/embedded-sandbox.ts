import type { Logger } from '../log';
import { startSandbox, type RunningSandbox } from '../sandbox/server';

/**
 * The sandbox the app's demo mode talks to, started in the main process on first use
 * (not at launch: most sessions never need it) and listening on 127.0.0.1 only.
 */
export class EmbeddedSandbox {
  #running: Promise<RunningSandbox> | undefined;

  constructor(private readonly logger: Logger) {}

  ensure(): Promise<RunningSandbox> {
    if (this.#running) return this.#running;
    const starting = startSandbox().then(
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
