/** A tiny typed event hub: the lab publishes, each transport subscribes. */
import type { LabEvent } from '../../shared/contract/api';

export type LabEventHandler = (event: LabEvent) => void;

export class LabEventHub {
  private readonly handlers = new Set<LabEventHandler>();

  subscribe(handler: LabEventHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  publish(event: LabEvent): void {
    for (const handler of this.handlers) {
      try {
        handler(event);
      } catch {
        // A broken subscriber (a closed window, a dropped SSE client) must not stop the others.
      }
    }
  }
}
