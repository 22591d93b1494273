import type { LabBridge } from '../../../shared/contract/bridge';
import type { CellSummary } from '../../../shared/domain/results';
import type { TrialPage } from '../../../shared/domain/trials';
import { filterKey, pageCount, pageRangeText, TRIAL_FILTERS, TRIAL_PAGE_SIZE, type FilterKey } from '../lib/trial-text';
import type { ErrorLog } from './errors.svelte';
import type { TrialListPosition } from './routes';

/** One cell's trials: a page at a time, filtered by outcome, with the count behind each filter. */
export class TrialListState {
  readonly id: string;
  readonly cellIndex: number;
  experimentName = $state<string | null>(null);
  cell = $state.raw<CellSummary | null>(null);
  page = $state.raw<TrialPage | null>(null);
  /** How many trials each filter holds, as the lab counts them. */
  counts = $state.raw<Partial<Record<FilterKey, number>>>({});
  position = $state.raw<TrialListPosition>({ outcome: null, page: 0 });
  /** The position of the page on screen, which lags `position` while the next page loads. */
  shown = $state.raw<TrialListPosition | null>(null);
  loading = $state(false);
  notFound = $state(false);

  pages = $derived(pageCount(this.page?.total ?? 0));
  hasPrevious = $derived(this.position.page > 0);
  hasNext = $derived(this.page !== null && this.page.offset + this.page.trials.length < this.page.total);
  rangeText = $derived(this.page === null ? '' : pageRangeText(this.page, this.page.trials.length));

  readonly #lab: LabBridge;
  readonly #errors: ErrorLog;
  #stopped = false;
  /** Only the newest request may land: a slow reply for an older filter must not overwrite a newer one. */
  #generation = 0;

  constructor(lab: LabBridge, errors: ErrorLog, id: string, cellIndex: number) {
    this.#lab = lab;
    this.#errors = errors;
    this.id = id;
    this.cellIndex = cellIndex;
  }

  /** Loads the cell's header and counts; returns a function that stops. */
  start(): () => void {
    this.#stopped = false;
    void this.#loadHeader();
    return () => {
      this.#stopped = true;
    };
  }

  /** Shows the page and filter the route asks for. */
  async show(position: TrialListPosition): Promise<void> {
    this.position = position;
    const generation = ++this.#generation;
    this.loading = true;
    try {
      const result = await this.#lab.listTrials({
        id: this.id,
        cellIndex: this.cellIndex,
        ...(position.outcome ? { outcome: position.outcome } : {}),
        offset: position.page * TRIAL_PAGE_SIZE,
        limit: TRIAL_PAGE_SIZE,
      });
      if (this.#stopped || generation !== this.#generation) return;
      if (!result.ok) {
        if (result.error.code === 'not_found') this.notFound = true;
        this.#errors.report(result.error, 'Listing trials');
        return;
      }
      this.page = result.value;
      this.shown = position;
    } finally {
      if (generation === this.#generation) this.loading = false;
    }
  }

  async #loadHeader(): Promise<void> {
    const [detail, results] = await Promise.all([this.#lab.getExperiment({ id: this.id }), this.#lab.getResults({ id: this.id })]);
    if (this.#stopped) return;
    if (!detail.ok) {
      if (detail.error.code === 'not_found') this.notFound = true;
      this.#errors.report(detail.error, 'Opening the experiment');
      return;
    }
    this.experimentName = detail.value.name;
    if (results.ok) this.cell = results.value.cells.find((cell) => cell.cellIndex === this.cellIndex) ?? null;
    await this.#loadCounts();
  }

  /** The total behind each filter, from the lab's own count (a one-row page per outcome). */
  async #loadCounts(): Promise<void> {
    const replies = await Promise.all(
      TRIAL_FILTERS.map(async (filter) => {
        const result = await this.#lab.listTrials({ id: this.id, cellIndex: this.cellIndex, ...(filter ? { outcome: filter } : {}), offset: 0, limit: 1 });
        return [filterKey(filter), result.ok ? result.value.total : undefined] as const;
      }),
    );
    if (this.#stopped) return;
    const counts: Partial<Record<FilterKey, number>> = {};
    for (const [key, total] of replies) if (total !== undefined) counts[key] = total;
    this.counts = counts;
  }
}
