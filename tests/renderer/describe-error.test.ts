import { describe, expect, it } from 'vitest';
import { describeError, errorDetails } from '../../src/renderer/src/lib/ipc/describe-error';
import { pointsToLog } from '../../src/renderer/src/lib/services/app.service';

describe('how an error is described', () => {
  it('gives no request ID for a request no server saw', () => {
    const refused = { kind: 'network' as const, message: 'Nothing is listening at 127.0.0.1:9' };
    expect(errorDetails(refused)).toEqual([]);
    expect(describeError(refused)).not.toContain('Request ID');
  });

  it('isolates the server-written message from the details after it', () => {
    const error = { kind: 'api' as const, status: 422, requestId: 'req-7', message: '\u202Egnp.exe' };
    expect(describeError(error)).toBe('\u2068\u202Egnp.exe\u2069 · HTTP 422 · Request ID req-7');
  });

  it('offers the log only for failures whose details went there', () => {
    expect(pointsToLog({ kind: 'internal', message: 'Something went wrong inside Orgdesk; see the log' })).toBe(true);
    expect(pointsToLog({ kind: 'api', status: 500, message: 'Server error' })).toBe(false);
  });
});
