/**
 * How the paper's runs map onto Quorum's experiments (docs/job-metrics.md,
 * "Imported runs"): one experiment per model and mode, a cell per team size,
 * an item per job (domain × p), a trial per run.
 */
import type { CoordinationMode } from '../../../shared/domain/jobs';
import { PaperDataError, type PaperRun } from './paper-files';

/** imported_runs.source of the paper's released runs. */
export const PAPER_SOURCE = 'paper:2603.12229';

/** The prefix of the paper's model names in Quorum: a record of someone else's runs, never a model Quorum can call. */
export const PAPER_MODEL_PREFIX = 'paper:';

/** The paper's modes as released, and the Quorum mode each one is. */
const MODES: Readonly<Record<string, CoordinationMode>> = {
  preassign_nolead: 'preassign',
  decentralized: 'self-claim',
};

/** The label each of the paper's modes is shown under. */
const MODE_TITLES: Readonly<Record<string, string>> = {
  preassign_nolead: 'pre-assigned, no lead',
  decentralized: 'decentralized self-claim',
};

export function quorumMode(run: PaperRun): CoordinationMode {
  const mode = MODES[run.mode];
  if (!mode) throw new PaperDataError(`Run ${run.run_dir} has mode "${run.mode}", which Quorum does not know how to import (it knows ${Object.keys(MODES).join(', ')}).`);
  return mode;
}

/** "anthropic_claude-sonnet-4-6" → "claude-sonnet-4-6": the provider's folder prefix dropped, the model as the paper names it. */
export function paperModelName(modelDir: string): string {
  const at = modelDir.indexOf('_');
  return at > 0 ? modelDir.slice(at + 1) : modelDir;
}

/** The experiment one model × mode of the released runs becomes; its id is stable, so importing again finds it. */
export interface PaperExperimentKey {
  id: string;
  name: string;
  /** The cell model: "paper:" and the paper's model name. */
  model: string;
  mode: CoordinationMode;
  releasedMode: string;
}

export function experimentKey(run: PaperRun): PaperExperimentKey {
  const modelName = paperModelName(run.model_dir);
  const mode = quorumMode(run);
  return {
    id: `paper-${slug(modelName)}-${mode}`,
    name: `Paper: ${modelName}, ${MODE_TITLES[run.mode] ?? run.mode}`,
    model: `${PAPER_MODEL_PREFIX}${modelName}`,
    mode,
    releasedMode: run.mode,
  };
}

/** A job of the paper is its domain (task_type) at one p: "paper-mathutilities20-p09". */
export function jobId(taskType: string, pLabel: string): string {
  return `paper-${slug(taskType)}-${slug(pLabel)}`;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9.]+/g, '-').replace(/^-+|-+$/g, '');
}

/** "Dev3" → 2 (Quorum counts agents from 0); null for anything else. */
export function agentIndex(name: string | null): number | null {
  if (name === null) return null;
  const match = /^Dev(\d+)$/.exec(name);
  return match ? Number(match[1]) - 1 : null;
}
