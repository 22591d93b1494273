/**
 * Where a chart comes from, for the names and subtitles of exported files:
 * a view (the experiment, a trial) sets it once through Svelte context, and
 * every chart below it reads it, so no chart has to be handed it.
 */
import { getContext, setContext } from 'svelte';

const KEY = Symbol('chart-export-source');

/** Call during a component's initialisation; `source` is read when a chart is saved, so it may change. */
export function setExportSource(source: () => string | null): void {
  setContext(KEY, source);
}

/** Call during a component's initialisation; returns a reader of the source (null outside any view that sets one). */
export function useExportSource(): () => string | null {
  return getContext<(() => string | null) | undefined>(KEY) ?? (() => null);
}
