/**
 * The spec and cells an imported model × mode is stored under. The spec
 * describes the paper's design in Quorum's terms (structure `coding-team`,
 * its mode, rounds with a barrier, team sizes, the paper's sampling
 * settings); it is a record of how the runs were made, not a plan Quorum can
 * run: its model is a `paper:` model, which the spec validator refuses
 * (docs/experiment-spec.md), and the lab refuses to start an imported experiment.
 */
import { NO_FAULTS } from '../../../shared/domain/faults';
import type { CellSpec, ExperimentSpec } from '../../../shared/domain/spec';
import { structureDefinition } from '../../../shared/domain/structures';
import type { PaperExperimentKey } from './paper-mapping';

/** The paper's sampling settings (digest, section 1). */
const PAPER_TEMPERATURE = 0.7;
const PAPER_MAX_TOKENS = 8192;

/** Cells are labelled as the structure labels its own, so imported and own cells read alike; their model tells them apart. */
export function paperCell(key: PaperExperimentKey, size: number, index: number): CellSpec {
  const params = { size, mode: key.mode, execution: 'rounds' };
  const label = structureDefinition('coding-team')?.label(params) ?? `coding team (${key.mode})`;
  return {
    index,
    structure: 'coding-team',
    params,
    size,
    agents: Array.from({ length: size }, (_, agent) => ({ index: agent, model: key.model, temperature: PAPER_TEMPERATURE, persona: null, role: 'worker', weight: null })),
    model: key.model,
    label,
    teamLabel: label,
    faults: NO_FAULTS,
    entry: 0,
    aggregate: null,
  };
}

export function paperSpec(key: PaperExperimentKey, sizes: readonly number[], items: number, repetitions: number): ExperimentSpec {
  return {
    name: key.name,
    description:
      `Runs released with "Language Model Teams as Distributed Systems" (arXiv 2603.12229, MIT licence), imported by npm run lab -- import-paper: ` +
      `model ${key.model.replace(/^paper:/, '')}, mode ${key.releasedMode}. A record of the paper's runs, not a plan Quorum can run. ` +
      'Caps on rounds varied between the paper\'s batches (30 to 100), so the cells name none.',
    tasks: { suite: 'coding', count: items, seed: 0, difficulty: 1 },
    agents: { model: key.model, temperature: PAPER_TEMPERATURE, maxTokens: PAPER_MAX_TOKENS, timeoutSeconds: 600 },
    teams: [{ structure: 'coding-team', sizes: [...sizes], mode: key.mode, execution: 'rounds' }],
    repetitions,
    seed: 0,
  };
}
