/**
 * The one entry point every transport (Electron IPC, the HTTP bridge) uses:
 * checks the method name against the contract, validates the payload, calls
 * the lab, and turns anything thrown into an error value.
 */
import { isLabMethod, validateRequest, type LabApi, type LabMethod, type LabResult } from '../../../shared/contract/api';
import { toLabError } from '../lab-errors';

export async function dispatch(api: LabApi, method: string, payload: unknown): Promise<LabResult<unknown>> {
  if (!isLabMethod(method)) {
    return { ok: false, error: { code: 'invalid_request', message: `Unknown method "${method}".` } };
  }
  const request = validateRequest(method, payload);
  if (!request.ok) return request;
  try {
    const call = api[method] as (request: unknown) => Promise<unknown>;
    return { ok: true, value: await call.call(api, request.value) };
  } catch (error) {
    return { ok: false, error: toLabError(error) };
  }
}

export type { LabMethod };
