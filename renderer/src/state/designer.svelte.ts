import type { Issue } from '../../../shared/contract/schema';
import type { LabBridge } from '../../../shared/contract/bridge';
import type { DurationEstimate } from '../../../shared/domain/models';
import { structureDefinition, type StructureDefinition } from '../../../shared/domain/structures';
import {
  blankAgent,
  buildEntry,
  DEFAULT_STRUCTURE,
  defaultValues,
  removeTeam,
  teamAt,
  teamsInText,
  valuesFromEntry,
  writeTeam,
  type AgentRow,
  type FormProblem,
  type TeamFormValues,
  type TeamSummary,
} from '../components/designer/team-entry';
import type { ErrorLog } from './errors.svelte';
import { formatSpec, lineAndColumn, locateIssue, parseSpecText, specOverview, type JsonSyntaxError, type SpecOverview, type TextRange } from './spec-text';

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

/** An issue (or a warning) of the lab's, with where it sits in the text it was found in. */
export interface LocatedIssue extends Issue, TextRange {
  line: number;
  column: number;
}

/** What the last check of the text found; `text` is the text it looked at. */
export type SpecCheck =
  | { state: 'idle' }
  | { state: 'syntax'; text: string; error: JsonSyntaxError }
  | { state: 'invalid'; text: string; issues: LocatedIssue[] }
  | { state: 'valid'; text: string; spec: unknown; overview: SpecOverview | null; warnings: LocatedIssue[] }
  /** The lab could not be asked; the error banner says why. */
  | { state: 'unchecked'; text: string };

export function locate(text: string, issues: readonly Issue[]): LocatedIssue[] {
  return issues.map((issue) => {
    const range = locateIssue(text, issue.path, issue.message);
    return { ...issue, ...range, ...lineAndColumn(text, range.from) };
  });
}

/**
 * The team form beside the editor: one entry of `teams`, new or being
 * edited, with the registry's fields of its structure. It never holds the
 * spec: `apply` reads the text it is given and returns the text to use.
 */
export class TeamFormState {
  values = $state<TeamFormValues>(defaultValues(DEFAULT_STRUCTURE));
  /** The `teams` index being edited; null for a new entry. */
  editing = $state<number | null>(null);
  /** What was wrong with the inputs the last time they were applied. */
  problems = $state.raw<FormProblem[]>([]);
  /** The last thing the form did or could not do, for a polite announcement. */
  status = $state<{ kind: 'done' | 'problem'; text: string } | null>(null);

  definition: StructureDefinition = $derived(structureDefinition(this.values.structure) ?? structureDefinition(DEFAULT_STRUCTURE)!);

  problem(key: string): string | null {
    return this.problems.find((p) => p.key === key)?.message ?? null;
  }

  /** Switches structure, keeping the label and the agents. */
  chooseStructure(id: string): void {
    const fresh = defaultValues(id);
    this.values = { ...fresh, label: this.values.label, agents: this.values.agents };
    this.problems = [];
  }

  setParam(name: string, text: string): void {
    this.values.params[name] = text;
  }

  addAgent(): void {
    this.values.agents.push(blankAgent());
  }

  removeAgent(index: number): void {
    this.values.agents.splice(index, 1);
    this.problems = this.problems.filter((p) => !p.key.startsWith('agent:'));
  }

  setAgent(index: number, key: keyof AgentRow, text: string): void {
    const row = this.values.agents[index];
    if (row) row[key] = text;
  }

  /** Loads `teams[index]` of the text into the form; false when it is not something the form can show. */
  edit(text: string, index: number): boolean {
    const values = valuesFromEntry(teamAt(text, index));
    if (!values) return false;
    this.values = values;
    this.editing = index;
    this.problems = [];
    this.status = null;
    return true;
  }

  /** Back to a new entry of the same structure. */
  reset(): void {
    this.values = defaultValues(this.values.structure);
    this.editing = null;
    this.problems = [];
  }

  /**
   * Writes the form's entry into `text`: at `teams[editing]`, or appended
   * (`asNew`, or a new entry). Returns the new text, or a reason it can't.
   */
  apply(text: string, asNew = false): { ok: true; text: string } | { ok: false; error?: JsonSyntaxError } {
    const index = asNew ? null : this.editing;
    const base = index === null ? null : teamAt(text, index);
    const built = buildEntry(this.values, base);
    if (!built.ok) {
      this.problems = built.problems;
      this.status = { kind: 'problem', text: `${built.problems.length === 1 ? 'One field needs' : `${built.problems.length} fields need`} fixing before the team can be written.` };
      return { ok: false };
    }
    this.problems = [];
    const written = writeTeam(text, built.entry, index);
    if (!written.ok) {
      this.status = { kind: 'problem', text: written.message };
      return written.error ? { ok: false, error: written.error } : { ok: false };
    }
    this.status = { kind: 'done', text: `${index === null ? 'Added' : 'Updated'} teams[${written.index}] in the spec; the check follows.` };
    this.editing = written.index;
    return { ok: true, text: written.text };
  }

  /** Removes `teams[index]` from `text`; returns the new text, or null when it can't. */
  remove(text: string, index: number): string | null {
    const removed = removeTeam(text, index);
    if (!removed.ok) {
      this.status = { kind: 'problem', text: removed.message };
      return null;
    }
    if (this.editing === index) this.editing = null;
    else if (this.editing !== null && this.editing > index) this.editing -= 1;
    this.status = { kind: 'done', text: `Removed teams[${index}] from the spec.` };
    return removed.text;
  }
}

/** The Designer screen: edits a spec's text, checks it as the user types, creates an experiment from it. */
export class DesignerState {
  text = $state('');
  loaded = $state(false);
  check = $state.raw<SpecCheck>({ state: 'idle' });
  estimate = $state.raw<DurationEstimate | null>(null);
  /** The text changed since the last finished check. */
  pending = $state(false);
  /** Which create button is at work. */
  creating = $state<'run' | 'create' | 'recommend' | null>(null);
  readonly form = new TeamFormState();

  canCreate = $derived(this.check.state === 'valid' && !this.pending && this.creating === null);
  /** The team entries as the text has them now (null while it is not a JSON object). */
  teams: TeamSummary[] | null = $derived(teamsInText(this.text));

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

  /** The text changed (typed, or written by the form): remember it, check it once typing pauses. */
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

  /** Writes the team form into the text; returns the syntax error in the way, if that is what stopped it. */
  applyTeam(asNew = false): JsonSyntaxError | null {
    const applied = this.form.apply(this.text, asNew);
    if (applied.ok) this.edit(applied.text);
    return applied.ok ? null : (applied.error ?? null);
  }

  removeTeam(index: number): void {
    const text = this.form.remove(this.text, index);
    if (text !== null) this.edit(text);
  }

  /** Parses the text, then asks the lab whether it is a valid spec and how long it would take. */
  async checkNow(): Promise<void> {
    const generation = ++this.#generation;
    const text = this.text;
    this.pending = true;
    const parsed = parseSpecText(text);
    if (!parsed.ok) {
      this.check = { state: 'syntax', text, error: parsed.error };
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
      this.check = { state: 'unchecked', text };
    } else if (validation.value.valid) {
      const overview = specOverview(spec);
      this.check = { state: 'valid', text, spec, overview, warnings: locate(text, overview?.warnings ?? []) };
    } else {
      this.check = { state: 'invalid', text, issues: locate(text, validation.value.issues) };
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

  /**
   * Starts a recommendation for the checked spec, read as the candidate grid:
   * plans a pilot on a sample of its items at a few sizes and runs it.
   * Returns the pilot's experiment id, or null on failure.
   */
  async recommend(): Promise<string | null> {
    if (!this.canCreate || this.check.state !== 'valid') return null;
    const spec = this.check.spec;
    this.creating = 'recommend';
    try {
      const started = await this.#errors.attempt(this.#lab.startRecommendation({ spec, source: 'designer', start: true }), 'Starting a recommendation');
      return started?.experimentId ?? null;
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
