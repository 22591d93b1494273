/** Errors the lab raises on purpose: each carries a LabError a user can act on. */
import type { LabError, LabErrorAction, LabErrorCode } from '../../shared/contract/api';
import type { Issue } from '../../shared/contract/schema';

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

/** Turns anything thrown into a LabError; unexpected errors keep their message so a user can report it. */
export function toLabError(error: unknown): LabError {
  if (error instanceof LabFailure) return error.toLabError();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `Unexpected error: ${message}. Your data is safe; please report this with the steps that led to it.` };
}
