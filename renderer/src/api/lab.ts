/**
 * The renderer's one way to the lab. In Electron the preload exposes a
 * LabBridge as `window.lab`; in a browser tab we build the same shape over
 * fetch + EventSource. Nothing else in the renderer knows which it got.
 */
import type { LabBridge } from '../../../shared/contract/bridge';
import { createHttpBridge } from './http-bridge';

let bridge: LabBridge | null = null;

export function getLab(): LabBridge {
  bridge ??= window.lab ?? createHttpBridge();
  return bridge;
}
