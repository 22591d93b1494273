/**
 * What the renderer sees of the lab, whatever carries it: in Electron the
 * preload exposes this object as `window.lab`; in a browser tab the renderer
 * builds the same shape over fetch + EventSource.
 */
import type { LabClient, LabEvent } from './api';

export type LabEventListener = (event: LabEvent) => void;

export type LabBridge = LabClient & {
  readonly transport: 'electron' | 'http';
  /** Starts delivering events to `listener`; returns a function that stops it. */
  subscribe(listener: LabEventListener): () => void;
};
