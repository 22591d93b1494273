import type { LabBridge } from '../../../shared/contract/bridge';
import type { CallText, TrialCall, TrialDetail } from '../../../shared/domain/trials';
import type { ErrorLog } from './errors.svelte';

/** One trial: its detail for the space-time diagram, and the text of the call the user opened. */
export class TrialState {
  readonly id: string;
  readonly trialId: number;
  detail = $state.raw<TrialDetail | null>(null);
  notFound = $state(false);
  /** The call whose panel is open, by seq; null when none is. */
  selectedSeq = $state<number | null>(null);
  /** Its prompt and reply, once loaded. */
  callText = $state.raw<CallText | null>(null);
  callTextLoading = $state(false);
  callTextError = $state<string | null>(null);

  selectedCall = $derived<TrialCall | null>(this.detail?.calls.find((call) => call.seq === this.selectedSeq) ?? null);

  readonly #lab: LabBridge;
  readonly #errors: ErrorLog;
  #stopped = false;
  /** Texts already fetched, by seq: reopening a call costs nothing. A cache, read only in open(): it needs no reactivity. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a private cache; the UI reads callText, not this map.
  readonly #texts = new Map<number, CallText>();

  constructor(lab: LabBridge, errors: ErrorLog, id: string, trialId: number) {
    this.#lab = lab;
    this.#errors = errors;
    this.id = id;
    this.trialId = trialId;
  }

  /** Loads the trial; returns a function that stops. */
  start(): () => void {
    this.#stopped = false;
    void this.load();
    return () => {
      this.#stopped = true;
    };
  }

  async load(): Promise<void> {
    const result = await this.#lab.getTrial({ id: this.id, trialId: this.trialId });
    if (this.#stopped) return;
    if (!result.ok) {
      if (result.error.code === 'not_found') this.notFound = true;
      this.#errors.report(result.error, 'Opening the trial');
      return;
    }
    this.detail = result.value;
  }

  /** Opens a call's panel and fetches its text. */
  async open(seq: number): Promise<void> {
    this.selectedSeq = seq;
    this.callTextError = null;
    const known = this.#texts.get(seq);
    if (known) {
      this.callText = known;
      this.callTextLoading = false;
      return;
    }
    this.callText = null;
    this.callTextLoading = true;
    const result = await this.#lab.getCallText({ id: this.id, trialId: this.trialId, seq });
    if (this.#stopped) return;
    if (result.ok) this.#texts.set(seq, result.value);
    // The user may have opened another call meanwhile.
    if (this.selectedSeq !== seq) return;
    this.callTextLoading = false;
    if (result.ok) this.callText = result.value;
    else this.callTextError = result.error.message;
  }

  close(): void {
    this.selectedSeq = null;
    this.callText = null;
    this.callTextError = null;
    this.callTextLoading = false;
  }
}
