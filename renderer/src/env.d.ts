import type { LabBridge } from '../../shared/contract/bridge';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser tab. */
    readonly lab?: LabBridge;
  }
}

export {};
