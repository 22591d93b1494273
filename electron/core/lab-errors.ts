/** Errors the lab raises on purpose: each carries a LabError a user can act on. */
import type { LabError, LabErrorAction, LabErrorCode } from '../../shared/contract/api';
import type { Issue } from '../../shared/contract/schema';
import { BackendError } from './backends/types';
import { StoreError } from './store/types';

export class LabFailure extends Error {
  constructor(
    readonly code: LabErrorCode,
    message: string,
    readonly issues?: Issue[],
    readonly actions?: LabErrorAction[],
  ) {
    super(message);
    this.name = 'LabFailure';
  }

  toLabError(): LabError {
    return {
      code: this.code,
      message: this.message,
      ...(this.issues ? { issues: this.issues } : {}),
      ...(this.actions && this.actions.length > 0 ? { actions: this.actions } : {}),
    };
  }
}

const BACKEND_CODES: Record<BackendError['code'], LabErrorCode> = {
  unknown_model: 'not_found',
  unavailable: 'unavailable',
  bad_request: 'invalid_request',
  server_error: 'unavailable',
  timeout: 'unavailable',
};

/**
 * Turns anything thrown into a LabError. Storage and backend errors carry
 * messages written for the user (what is wrong, what to do); only errors
 * nobody foresaw are reported as unexpected, keeping their message so a user
 * can report it.
 */
export function toLabError(error: unknown): LabError {
  if (error instanceof LabFailure) return error.toLabError();
  if (error instanceof StoreError) return { code: error.code === 'not_found' ? 'not_found' : 'unavailable', message: error.message };
  if (error instanceof BackendError) return { code: BACKEND_CODES[error.code], message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `Unexpected error: ${message}. Your data is safe; please report this with the steps that led to it.` };
}
