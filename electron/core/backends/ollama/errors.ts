/** Sorting what went wrong with a call into what to do about it. */

export type FailureKind =
  /** The host did not answer at all: wait for it to come back. */
  | 'host_down'
  /** Worth another try after a pause: 503 busy, a runner crash, a stream cut short. */
  | 'transient'
  /** Retrying will not help: unknown model, bad request. */
  | 'permanent'
  | 'aborted';

export interface ClassifiedFailure {
  kind: FailureKind;
  status: number | null;
  message: string;
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_CLOSED']);

/** undici hides the socket's error code one or two `cause`s down. */
export function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function classifyFailure(error: unknown): ClassifiedFailure {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof Error && error.name === 'AbortError') return { kind: 'aborted', status: null, message };
  const status = typeof (error as { status_code?: unknown })?.status_code === 'number' ? (error as { status_code: number }).status_code : null;
  if (status !== null) {
    if (status === 503 || status === 500 || status === 502 || status === 504 || status === 429) return { kind: 'transient', status, message };
    return { kind: 'permanent', status, message };
  }
  const code = causeCode(error);
  if ((code && CONNECTION_CODES.has(code)) || /fetch failed|socket hang up|other side closed/i.test(message)) {
    return { kind: 'host_down', status: null, message: code ? `${message} (${code})` : message };
  }
  // A stream that ended without done, or an error line mid-stream.
  return { kind: 'transient', status: null, message };
}
