import type { Issue } from '../../../shared/contract/schema';
import type { LabBridge } from '../../../shared/contract/bridge';
import type { DurationEstimate } from '../../../shared/domain/models';
import type { ErrorLog } from './errors.svelte';
import { formatSpec, parseSpecText, summarizeSpec, type JsonSyntaxError, type SpecSummary } from './spec-text';

/** How long typing pauses before the spec is checked. */
export const CHECK_DELAY_MS = 300;

const STARTER_EXAMPLE = 'quickstart';

/** Used when the lab has no examples at all: the smallest spec that runs. */
const BLANK_SPEC = {
  name: 'My experiment',
  tasks: { suite: 'arithmetic', count: 20 },
  agents: { model: 'sim:default' },
  teams: [{ structure: 'single' }, { structure: 'vote', sizes: [3, 5] }],
};

/**
 * The spec being designed; lives in AppState so it survives leaving the
 * Designer, and so an example card can hand its spec over.
 */
export class SpecDraft {
  /** The text in the editor; null until something is loaded. */
  text = $state<string | null>(null);
  /** The name of the example it started from, if any. */
  origin = $state<string | null>(null);

  open(spec: unknown, origin: string | null): void {
    this.text = formatSpec(spec);
    this.origin = origin;
  }
}

/** What the last check of the text found. */
export type SpecCheck =
  | { state: 'idle' }
  | { state: 'syntax'; error: JsonSyntaxError }
  | { state: 'invalid'; issues: Issue[] }
  | { state: 'valid'; spec: unknown; summary: SpecSummary | null }
  /** The lab could not be asked; the error banner says why. */
  | { state: 'unchecked' };

/** The Designer screen: edits a spec's text, checks it as the user types, creates an experiment from it. */
export class DesignerState {
  text = $state('');
  loaded = $state(false);
  check = $state.raw<SpecCheck>({ state: 'idle' });
  estimate = $state.raw<DurationEstimate | null>(null);
  /** The text changed since the last finished check. */
  pending = $state(false);
  /** Which create button is at work. */
  creating = $state<'run' | 'create' | null>(null);

  canCreate = $derived(this.check.state === 'valid' && !this.pending && this.creating === null);

  readonly #lab: LabBridge;
  readonly #errors: ErrorLog;
  readonly #draft: SpecDraft;
  #timer: ReturnType<typeof setTimeout> | null = null;
  /** Bumped by every check and by stopping, so a late reply never overwrites a newer one. */
  #generation = 0;
  #stopped = false;

  constructor(lab: LabBridge, errors: ErrorLog, draft: SpecDraft) {
    this.#lab = lab;
    this.#errors = errors;
    this.#draft = draft;
  }

  /** Loads the draft (or the starter example) and checks it; returns a function that stops. */
  start(): () => void {
    this.#stopped = false;
    void this.#load();
    return () => {
      this.#stopped = true;
      this.#generation++;
      this.#cancelTimer();
    };
  }

  /** The user typed: remember the text, check it once typing pauses. */
  edit(text: string): void {
    this.text = text;
    this.#draft.text = text;
    this.pending = true;
    this.#cancelTimer();
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.checkNow();
    }, CHECK_DELAY_MS);
  }

  /** Parses the text, then asks the lab whether it is a valid spec and how long it would take. */
  async checkNow(): Promise<void> {
    const generation = ++this.#generation;
    this.pending = true;
    const parsed = parseSpecText(this.text);
    if (!parsed.ok) {
      this.check = { state: 'syntax', error: parsed.error };
      this.estimate = null;
      this.pending = false;
      return;
    }
    const spec = parsed.value;
    const [validation, estimate] = await Promise.all([this.#lab.validateSpec({ spec }), this.#lab.estimateDuration({ spec })]);
    if (generation !== this.#generation) return;
    this.pending = false;
    // An estimate is a hint: without one the screen just goes without.
    this.estimate = estimate.ok ? estimate.value : null;
    if (!validation.ok) {
      this.#errors.report(validation.error, 'Checking the spec');
      this.check = { state: 'unchecked' };
    } else if (validation.value.valid) {
      this.check = { state: 'valid', spec, summary: summarizeSpec(spec) };
    } else {
      this.check = { state: 'invalid', issues: validation.value.issues };
    }
  }

  /** Creates an experiment from the checked spec (and starts it); returns its id, or null on failure. */
  async create(start: boolean): Promise<string | null> {
    if (!this.canCreate || this.check.state !== 'valid') return null;
    const spec = this.check.spec;
    this.creating = start ? 'run' : 'create';
    try {
      const created = await this.#errors.attempt(
        this.#lab.createExperiment({ spec, source: 'designer', start }),
        start ? 'Creating and running the experiment' : 'Creating the experiment',
      );
      return created?.id ?? null;
    } finally {
      this.creating = null;
    }
  }

  async #load(): Promise<void> {
    if (this.#draft.text === null) {
      const reply = await this.#errors.attempt(this.#lab.listExamples({}), 'Loading examples');
      if (this.#stopped) return;
      // An example card may have handed a spec over while the list loaded.
      if (this.#draft.text === null) {
        const example = reply?.examples.find((e) => e.id === STARTER_EXAMPLE) ?? reply?.examples[0];
        this.#draft.open(example?.spec ?? BLANK_SPEC, example?.name ?? null);
      }
    }
    this.text = this.#draft.text ?? '';
    this.loaded = true;
    await this.checkNow();
  }

  #cancelTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
