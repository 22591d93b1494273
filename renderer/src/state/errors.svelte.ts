import type { LabError, LabErrorAction, LabErrorCode, LabResult } from '../../../shared/contract/api';

export interface ShownError {
  id: number;
  /** What the user was doing, e.g. "Pause experiment". */
  context: string;
  code: LabErrorCode;
  message: string;
  /** What the app can do about it, offered as buttons (e.g. pull a missing model). */
  actions: LabErrorAction[];
}

/** Errors waiting to be read and dismissed. The messages come from the lab and are written to be acted on. */
export class ErrorLog {
  items = $state<ShownError[]>([]);
  #next = 1;

  report(error: LabError, context: string): void {
    // A poll that keeps failing should not stack the same banner again and again.
    if (this.items.some((item) => item.message === error.message && item.context === context)) return;
    this.items.push({ id: this.#next++, context, code: error.code, message: error.message, actions: error.actions ?? [] });
  }

  dismiss(id: number): void {
    this.items = this.items.filter((item) => item.id !== id);
  }

  clear(): void {
    this.items = [];
  }

  /** Unwraps a result; on failure reports it under `context` and returns undefined. */
  async attempt<T>(call: Promise<LabResult<T>>, context: string): Promise<T | undefined> {
    const result = await call;
    if (result.ok) return result.value;
    this.report(result.error, context);
    return undefined;
  }
}
