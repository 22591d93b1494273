/**
 * Row shapes as SQLite returns them, and their conversion to domain types.
 * Text read back from the file is narrowed by checking, not by casting: the
 * file is a public interface that people may edit with their own SQL.
 */
import { EXPERIMENT_STATUSES, type ExperimentDetail, type ExperimentRow } from '../../../shared/domain/results';
import type { AgentConfig, CellSpec, ExperimentSpec } from '../../../shared/domain/spec';
import type { CellParams, ParamValue } from '../../../shared/domain/structures';
import type { ItemPart, TaskItem } from '../tasks/types';
import type { CodingJob, JobSubtask } from '../../../shared/domain/jobs';
import { NO_FAULTS, type CellFaults } from '../../../shared/domain/faults';
import type { TrialResultRow } from './types';

export interface ExperimentRecord {
  id: string;
  name: string;
  status: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  source: string | null;
  total: number;
  done: number;
  failed: number;
}

export interface ExperimentDetailRecord extends ExperimentRecord {
  spec_json: string;
  error: string | null;
  is_pilot: number;
  verification_id: string | null;
  verified_prediction_id: string | null;
  verified_experiment_id: string | null;
}

export interface CellRecord {
  cell_index: number;
  model: string;
  structure: string;
  size: number;
  aggregate: string | null;
  label: string;
  params_json: string;
  entry_index: number | null;
  team_label: string | null;
  faults_json: string | null;
}

export interface CellAgentRecord {
  cell_index: number;
  agent_index: number;
  model: string;
  temperature: number;
  persona: string | null;
  role: string;
  weight: number | null;
}

export interface ItemRecord {
  item_index: number;
  suite: string;
  prompt: string;
  answer: string;
  difficulty: number;
  hardness: number;
  distractors_json: string;
  choices_json: string | null;
  parts_json: string | null;
  /** A coding job (migration 005); absent from queries that do not select it. */
  job_json?: string | null;
}

export interface TrialResultRecord {
  cell_index: number;
  item_index: number;
  repetition: number;
  status: string;
  correct: number | null;
  critical_path_ms: number | null;
  wall_ms: number | null;
  tokens_in: number | null;
  tokens_out: number | null;
  call_count: number | null;
  final_answer: string | null;
  message_count: number | null;
  rounds: number | null;
}

export function toExperimentRow(record: ExperimentRecord): ExperimentRow {
  return {
    id: record.id,
    name: record.name,
    status: oneOf(EXPERIMENT_STATUSES, record.status, 'experiment status'),
    createdAt: record.created_at,
    startedAt: record.started_at,
    finishedAt: record.finished_at,
    total: record.total,
    done: record.done,
    failed: record.failed,
    source: record.source,
  };
}

export function toExperimentDetail(record: ExperimentDetailRecord): ExperimentDetail {
  // The spec was validated before it was written. It is not validated again
  // here: a validator that tightens later must not make old experiments unreadable.
  const spec = JSON.parse(record.spec_json) as ExperimentSpec;
  const purpose: ExperimentDetail['purpose'] =
    record.verification_id !== null && record.verified_prediction_id !== null && record.verified_experiment_id !== null
      ? { kind: 'verification', verificationId: record.verification_id, predictionId: record.verified_prediction_id, fittedOn: record.verified_experiment_id }
      : record.is_pilot === 1
        ? { kind: 'pilot' }
        : { kind: 'experiment' };
  return { ...toExperimentRow(record), spec, error: record.error, purpose };
}

/**
 * A cell as stored. The structure is kept as written, even one this build
 * does not know (a newer Quorum's): its results still show; only running it
 * is refused.
 */
export function toCellSpec(record: CellRecord, agents: readonly CellAgentRecord[]): CellSpec {
  return {
    index: record.cell_index,
    model: record.model,
    structure: record.structure,
    params: parseParams(record.params_json, record.cell_index),
    size: record.size,
    agents: agents.map(toAgentConfig),
    aggregate: record.aggregate,
    label: record.label,
    teamLabel: record.team_label ?? record.label,
    faults: record.faults_json === null ? NO_FAULTS : { ...NO_FAULTS, ...(JSON.parse(record.faults_json) as Partial<CellFaults>) },
    entry: record.entry_index ?? 0,
  };
}

function toAgentConfig(record: CellAgentRecord): AgentConfig {
  return { index: record.agent_index, model: record.model, temperature: record.temperature, persona: record.persona, role: record.role, weight: record.weight };
}

function parseParams(json: string, cellIndex: number): CellParams {
  const value: unknown = JSON.parse(json);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`The database holds malformed parameters for cell ${cellIndex}: expected a JSON object.`);
  }
  const params: Record<string, ParamValue> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry === 'string' || typeof entry === 'number' || typeof entry === 'boolean') params[key] = entry;
  }
  return params;
}

export function toTaskItem(record: ItemRecord): TaskItem {
  return {
    index: record.item_index,
    suite: record.suite,
    prompt: record.prompt,
    answer: record.answer,
    difficulty: record.difficulty,
    hardness: record.hardness,
    distractors: parseStringArray(record.distractors_json, `distractors of item ${record.item_index}`),
    ...(record.choices_json !== null ? { choices: parseStringArray(record.choices_json, `choices of item ${record.item_index}`) } : {}),
    ...(record.parts_json !== null ? { parts: parseParts(record.parts_json, record.item_index) } : {}),
    ...(record.job_json != null ? { job: parseJob(record.job_json, record.item_index) } : {}),
  };
}

/** A stored coding job, checked for what the team engine relies on: its subtasks, tests and language. */
function parseJob(json: string, itemIndex: number): CodingJob {
  const value: unknown = JSON.parse(json);
  const job = value as Partial<CodingJob> | null;
  const subtaskOk = (s: unknown) => {
    const t = s as Partial<JobSubtask> | null;
    return typeof t === 'object' && t !== null && typeof t.id === 'string' && Array.isArray(t.dependencies) && Array.isArray(t.files);
  };
  const ok =
    typeof job === 'object' && job !== null && typeof job.id === 'string' && (job.language === 'javascript' || job.language === 'python') &&
    Array.isArray(job.subtasks) && job.subtasks.every(subtaskOk) && Array.isArray(job.tests) && typeof job.testsBySubtask === 'object' && job.testsBySubtask !== null;
  if (!ok) throw new Error(`The database holds a malformed coding job for item ${itemIndex}: expected its id, language, subtasks, tests and testsBySubtask.`);
  return job as CodingJob;
}

const FINISHED_TRIAL_STATUSES = ['done', 'failed'] as const;

export function toTrialResult(record: TrialResultRecord): TrialResultRow {
  return {
    cellIndex: record.cell_index,
    itemIndex: record.item_index,
    repetition: record.repetition,
    status: oneOf(FINISHED_TRIAL_STATUSES, record.status, 'finished trial status'),
    correct: record.correct === 1,
    criticalPathMs: record.critical_path_ms ?? 0,
    wallMs: record.wall_ms ?? 0,
    tokensIn: record.tokens_in ?? 0,
    tokensOut: record.tokens_out ?? 0,
    calls: record.call_count ?? 0,
    finalAnswer: record.final_answer,
    messages: record.message_count,
    rounds: record.rounds,
  };
}

/** SQLite has no boolean type; the schema stores them as 0 or 1. */
export function sqlBool(value: boolean): 0 | 1 {
  return value ? 1 : 0;
}

function oneOf<T extends string>(allowed: readonly T[], value: string, what: string): T {
  const found = allowed.find((candidate) => candidate === value);
  if (found === undefined) {
    throw new Error(`The database holds an unknown ${what} "${value}" (this build knows ${allowed.join(', ')}).`);
  }
  return found;
}

function parseParts(json: string, itemIndex: number): ItemPart[] {
  const value: unknown = JSON.parse(json);
  const ok = (entry: unknown): entry is ItemPart =>
    typeof entry === 'object' && entry !== null && typeof (entry as ItemPart).prompt === 'string' && typeof (entry as ItemPart).answer === 'string';
  if (!Array.isArray(value) || !value.every(ok)) throw new Error(`The database holds malformed parts of item ${itemIndex}: expected [{prompt, answer}, …].`);
  return value;
}

function parseStringArray(json: string, what: string): string[] {
  const value: unknown = JSON.parse(json);
  if (!Array.isArray(value) || !value.every((entry): entry is string => typeof entry === 'string')) {
    throw new Error(`The database holds malformed ${what}: expected a JSON array of strings.`);
  }
  return value;
}
