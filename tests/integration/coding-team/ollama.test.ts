/**
 * A coding team on a real model's path: the lab talks HTTP to the
 * Ollama-protocol test server, whose `respond` hook plays the model. The
 * scripted model reads the prompt it is sent (who it is, which subtasks are
 * its own and ready, what its last test run said) and answers the way models
 * do: prose around the tags, code fences inside a write, one reply with
 * malformed tags, one buggy file. What is checked is what a user would see:
 * the prompts carry the board and the feedback, the parser's complaints reach
 * the agent in words, a failing test run in the sandbox leads to a fix, and
 * every event lands in job_events with the trial graded by the final tests.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { CodingJob } from '../../../shared/domain/jobs';
import { closeSandbox } from '../../../electron/core/sandbox';
import { startOllamaTestServer, type OllamaTestServer } from '../../fixtures/ollama';
import type { ReplyContext } from '../../fixtures/ollama/types';
import { labOnTempFile, type LabUnderTest } from '../ollama/helpers';

let server: OllamaTestServer | null = null;
let lab: LabUnderTest | null = null;

afterEach(async () => {
  await lab?.close();
  await server?.close();
  await closeSandbox();
  lab = null;
  server = null;
});

interface Prompt {
  agent: number;
  text: string;
}

/** The subtasks the prompt lists as the agent's own and ready: "- task-3 (median.js): …". */
function readyOf(text: string): Array<{ id: string; path: string }> {
  const section = /Yours, ready now:\n((?:- .*\n?)+)/.exec(text)?.[1] ?? '';
  return [...section.matchAll(/^- (task-\d+) \(([^),]+)/gm)].map((m) => ({ id: m[1]!, path: m[2]! }));
}

/**
 * The scripted model. Agent 0's first reply has malformed tags only. The
 * first time anyone works median.js it writes the job's documented buggy
 * variant and only tests it; after a failing test run it writes the
 * reference solution and completes. Everything else is written right,
 * fenced as code inside the tag, with a sentence of prose around it.
 */
function scriptedModel(job: CodingJob, prompts: Prompt[]) {
  let malformedSent = false;
  let bugWritten = false;
  return (ctx: ReplyContext): string => {
    const system = ctx.messages.find((m) => m.role === 'system')?.content ?? '';
    const agent = Number(/You are agent (\d+) of a team/.exec(system)?.[1] ?? -1);
    const text = ctx.lastUserText;
    prompts.push({ agent, text });
    if (agent === 0 && !malformedSent) {
      malformedSent = true;
      return 'Sure! I will start with the sum.\n<write>\nexport function sumOf(values) { return 0; }\n</write>\n<complete/>';
    }
    const ready = readyOf(text);
    if (ready.length === 0) return 'Nothing is ready for me yet; waiting for my dependencies.';
    const out: string[] = [`Working on ${ready.map((r) => r.id).join(' and ')}.`];
    for (const { id, path } of ready) {
      if (path === 'median.js' && !bugWritten) {
        bugWritten = true;
        out.push(`<write path="${path}">\n${job.bugs![path]![0]!.content}\n</write>`, `<run_tests tasks="${id}"/>`);
        continue;
      }
      out.push(`Here is ${path}:`, `<write path="${path}">\n\`\`\`js\n${job.solutions![path]!.trimEnd()}\n\`\`\`\n</write>`, `<complete task="${id}"/>`, `<run_tests tasks="${id}"/>`);
    }
    out.push('Done for this turn.');
    return out.join('\n');
  };
}

interface EventRow {
  kind: string;
  round: number | null;
  agent_index: number | null;
  path: string | null;
  task_id: string | null;
  ok: number | null;
  returncode: number | null;
  detail: string | null;
}

describe('a coding team on the Ollama path', () => {
  it('sends the board to the model, reads its replies, runs the tests in the sandbox and records every event', async () => {
    const prompts: Prompt[] = [];
    let respond: ((ctx: ReplyContext) => string) | null = null;
    server = await startOllamaTestServer({
      numParallel: 2,
      timeScale: 0.01,
      tokensPerSecond: 4000,
      models: [{ name: 'coder:1b', accuracy: 1 }],
      respond: (ctx) => respond?.(ctx),
    });
    lab = labOnTempFile();
    const spec = {
      name: 'coding team on ollama',
      tasks: { suite: 'coding', p: [0.5], domains: ['math'], subtasks: 4, seed: 2 },
      agents: { model: 'ollama:coder:1b', temperature: 0.7, maxTokens: 2048 },
      teams: [{ structure: 'coding-team', sizes: [2], mode: 'preassign', execution: 'rounds', maxRounds: 8 }],
      hosts: [{ url: server.url, slots: 2 }],
    };
    const { id } = await lab.lab.createExperiment({ spec, start: false });
    const db = () => new Database(lab!.dbPath, { readonly: true });
    const read = db();
    const job = JSON.parse(read.prepare<[string], { job_json: string }>('SELECT job_json FROM items WHERE experiment_id = ?').get(id)!.job_json) as CodingJob;
    read.close();
    expect(job.subtasks.map((s) => s.files[0])).toEqual(['sumOf.js', 'mean.js', 'median.js', 'isPerfect.js']);
    respond = scriptedModel(job, prompts);

    await lab.lab.startExperiment({ id });
    await lab.lab.waitFor(id);
    expect(await lab.lab.getProgress({ id })).toMatchObject({ status: 'completed', failed: 0, done: 1 });

    const store = db();
    try {
      const trial = store.prepare<[], { id: number; correct: number; score: number | null; rounds: number; final_answer: string | null }>('SELECT id, correct, score, rounds, final_answer FROM trials').get()!;
      const events = store.prepare<[number], EventRow>('SELECT kind, round, agent_index, path, task_id, ok, returncode, detail FROM job_events WHERE trial_id = ? ORDER BY seq').all(trial.id);

      // Every prompt reached the server with the board, and each reply is one agent_reply event.
      expect(prompts.length).toBeGreaterThanOrEqual(4);
      for (const prompt of prompts) expect(prompt.text).toContain('Task board:');
      expect(new Set(prompts.map((p) => p.agent))).toEqual(new Set([0, 1]));
      expect(events.filter((e) => e.kind === 'agent_reply')).toHaveLength(prompts.length);

      // The malformed reply wrote nothing, and agent 0 read why on its next turn.
      const secondOfAgent0 = prompts.filter((p) => p.agent === 0)[1]!.text;
      expect(secondOfAgent0).toContain('What became of your last turn');
      expect(secondOfAgent0).toContain('<write> needs the file\'s path');
      expect(secondOfAgent0).toContain('<complete> needs the subtask\'s id');

      // The buggy median failed in the sandbox, its author read the failure, and fixed it.
      const medianRuns = events.filter((e) => e.kind === 'run_tests' && e.task_id === 'task-3');
      expect(medianRuns.length).toBeGreaterThanOrEqual(2);
      expect(medianRuns[0]!.returncode).toBe(1);
      expect(medianRuns.at(-1)!.returncode).toBe(0);
      const author = medianRuns[0]!.agent_index!;
      const afterFailure = prompts.filter((p) => p.agent === author).find((p) => p.text.includes('Your latest test run (return code 1)'));
      expect(afterFailure, 'the failing test run reaches its author').toBeDefined();
      expect(afterFailure!.text).toMatch(/median/);

      // Every file was written, every subtask completed, and the run graded by the final test run.
      expect(events.filter((e) => e.kind === 'edit_file').map((e) => e.path)).toEqual(expect.arrayContaining(['sumOf.js', 'mean.js', 'median.js', 'isPerfect.js']));
      expect(new Set(events.filter((e) => e.kind === 'complete_task').map((e) => e.task_id))).toEqual(new Set(['task-1', 'task-2', 'task-3', 'task-4']));
      expect(events[0]!.kind).toBe('run_start');
      expect(events.slice(-2).map((e) => e.kind)).toEqual(['run_end', 'final_tests']);
      expect(events.at(-2)!.detail).toMatch(/^all_done/);
      expect(events.at(-1)!.returncode).toBe(0);
      expect(trial).toMatchObject({ correct: 1, score: 1, final_answer: 'done' });
      expect(trial.rounds).toBe(Math.max(...events.filter((e) => e.kind === 'agent_reply').map((e) => e.round!)));
    } finally {
      store.close();
    }
  }, 120_000);
});
