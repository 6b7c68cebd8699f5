import type { FastifyError, FastifyInstance } from 'fastify';
import type { ErrorBody } from '../../shared/api/common';

/** An answer the sandbox chose to give; the error handler turns it into the vendor's error body. */
export class SandboxHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'SandboxHttpError';
  }

  toBody(): ErrorBody {
    return { message: this.message, code: this.code, status: this.status };
  }
}

export const badRequest = (message: string, code = 'bad_request'): SandboxHttpError =>
  new SandboxHttpError(400, code, message);
export const unauthorized = (message: string, code = 'unauthorized'): SandboxHttpError =>
  new SandboxHttpError(401, code, message, { 'www-authenticate': 'Bearer' });
export const forbidden = (message: string): SandboxHttpError => new SandboxHttpError(403, 'forbidden', message);
export const notFound = (message: string): SandboxHttpError => new SandboxHttpError(404, 'not_found', message);
export const conflict = (message: string, code = 'conflict'): SandboxHttpError =>
  new SandboxHttpError(409, code, message);
export const unprocessable = (message: string): SandboxHttpError =>
  new SandboxHttpError(422, 'validation_error', message);

export function errorBody(status: number, code: string, message: string): ErrorBody {
  return { message, code, status };
}

function isFastifyError(error: unknown): error is FastifyError {
  return error instanceof Error && typeof (error as Partial<FastifyError>).code === 'string';
}

/** Fastify's own codes (FST_ERR_CTP_INVALID_MEDIA_TYPE...) mean nothing to a Keycard client. */
function codeForStatus(status: number): string {
  switch (status) {
    case 400:
      return 'bad_request';
    case 404:
      return 'not_found';
    case 413:
      return 'payload_too_large';
    case 415:
      return 'unsupported_media_type';
    default:
      return status >= 500 ? 'internal_error' : 'bad_request';
  }
}

/**
 * Every non-2xx answer, Fastify's own included (unknown route, bad JSON, wrong
 * content type), carries `{ message, code, status }` so clients parse one shape.
 */
export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request, reply) => {
    if (error instanceof SandboxHttpError) {
      return reply.code(error.status).headers(error.headers).send(error.toBody());
    }
    if (isFastifyError(error) && typeof error.statusCode === 'number' && error.statusCode < 500) {
      const status = error.statusCode;
      return reply.code(status).send(errorBody(status, codeForStatus(status), error.message));
    }
    request.log.error({ err: error }, 'sandbox handler failed');
    return reply.code(500).send(errorBody(500, 'internal_error', 'Internal server error'));
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? request.url;
    return reply.code(404).send(errorBody(404, 'not_found', `No route for ${request.method} ${path}`));
  });
}
