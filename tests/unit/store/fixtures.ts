/** Builders shared by the store tests: temp files, a small experiment plan, a trial outcome. */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandCells, type ExperimentSpec } from '../../../shared/domain/spec';
import type { NewExperiment, PlannedTrial } from '../../../electron/core/store/types';
import type { TaskItem } from '../../../electron/core/tasks/types';
import type { CallRecord, TrialOutcome } from '../../../electron/core/trial-record';

export interface TempDir {
  dir: string;
  file(name: string): string;
  remove(): void;
}

export function makeTempDir(): TempDir {
  const dir = mkdtempSync(join(tmpdir(), 'quorum-store-'));
  return { dir, file: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function sampleSpec(count: number, repetitions = 1): ExperimentSpec {
  return {
    name: 'vote vs single',
    tasks: { suite: 'arithmetic', count, seed: 1, difficulty: 3 },
    agents: { model: 'sim:default', temperature: 0.7, maxTokens: 512, timeoutSeconds: 600 },
    teams: [{ structure: 'single' }, { structure: 'vote', sizes: [3, 5], aggregate: 'majority', weightBy: 'confidence' }],
    repetitions,
    seed: 42,
    concurrency: 4,
  };
}

export function sampleItems(count: number): TaskItem[] {
  return Array.from({ length: count }, (_, index) => ({
    index,
    suite: 'arithmetic',
    prompt: `What is ${index} + 1?`,
    answer: String(index + 1),
    difficulty: 3,
    hardness: (index % 10) / 10,
    distractors: [String(index), String(index + 2)],
  }));
}

/** A full grid: every cell × item × repetition, in the order a planner writes it. */
export function sampleExperiment(id: string, itemCount = 2, repetitions = 1): NewExperiment {
  const spec = sampleSpec(itemCount, repetitions);
  const cells = expandCells(spec);
  const trials: PlannedTrial[] = [];
  for (const cell of cells) {
    for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
      for (let repetition = 0; repetition < repetitions; repetition++) {
        trials.push({ cellIndex: cell.index, itemIndex, repetition, seed: trials.length * 7 + 1 });
      }
    }
  }
  return { id, name: spec.name, spec, source: 'examples/vote.json', cells, items: sampleItems(itemCount), trials };
}

function call(seq: number, agentIndex: number, role: string, consumes: number[]): CallRecord {
  return {
    retries: seq === 2 ? [{ attempt: 1, host: 'sim', atMs: 1_700_000_000_000, status: 503, error: 'server busy', delayMs: 250 }] : [],
    seq,
    agentIndex,
    role,
    intent: role === 'judge' ? 'judge' : 'solve',
    round: role === 'judge' ? 1 : 0,
    attempt: 0,
    model: 'sim:default',
    host: 'sim',
    status: 'ok',
    error: null,
    doneReason: 'stop',
    tokensIn: 20 + seq,
    tokensOut: 5 + seq,
    queueMs: 1.5,
    loadMs: 0,
    promptMs: 10.25,
    genMs: 40.5,
    latencyMs: 50.75,
    startedAtMs: 1_700_000_000_000 + seq,
    endedAtMs: 1_700_000_000_050 + seq,
    logicalStartMs: role === 'judge' ? 50.75 : 0,
    logicalEndMs: role === 'judge' ? 101.5 : 50.75,
    simulated: true,
    consumes,
    waitsFor: [],
    prompt: [0],
  };
}

/** Three voters answer independently, then a judge call reads all three. */
export function sampleOutcome(): TrialOutcome {
  const calls = [call(0, 0, 'voter', []), call(1, 1, 'voter', []), call(2, 2, 'voter', []), call(3, 0, 'judge', [0, 1, 2])];
  return {
    finalAnswer: '2',
    correct: true,
    score: 1,
    wallMs: 120.5,
    criticalPathMs: 101.5,
    tokensIn: 86,
    tokensOut: 26,
    startedAtMs: 1_700_000_000_000,
    finishedAtMs: 1_700_000_000_121,
    rounds: 2,
    calls,
    messages: [
      { seq: 0, fromAgent: null, toAgents: [0], kind: 'prompt', content: 'What is 1 + 1?', callSeq: 0, round: 0, atMs: null, tokens: 4 },
      { seq: 1, fromAgent: 0, toAgents: null, kind: 'reply', content: '2', callSeq: 0, round: 0, atMs: 50.75, tokens: 1 },
      { seq: 2, fromAgent: null, toAgents: null, kind: 'decision', content: 'majority: 2', callSeq: null, round: null, atMs: 101.5, tokens: null },
    ],
    events: [],
    answers: [
      { agentIndex: 0, callSeq: 0, extracted: '2', correct: true, score: 1, partIndex: null },
      { agentIndex: 1, callSeq: 1, extracted: '3', correct: false, score: 0, partIndex: null },
      { agentIndex: 2, callSeq: 2, extracted: null, correct: false, score: 0, partIndex: null },
    ],
  };
}

/** Reads the file through a second, plain connection, the way a researcher's SQL would. */
export function queryFile<Row>(path: string, sql: string, ...params: unknown[]): Row[] {
  const reader = new Database(path, { readonly: true });
  try {
    return reader.prepare<unknown[], Row>(sql).all(...params);
  } finally {
    reader.close();
  }
}

export function countRowsIn(path: string, table: string): number {
  return queryFile<{ n: number }>(path, `SELECT COUNT(*) AS n FROM ${table}`)[0]!.n;
}
