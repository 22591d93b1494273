/**
 * The coding team (registry: shared/domain/structures/coding-team.ts;
 * docs/coding-teams.md): n agents work a coding job's board — subtasks
 * handed out by the mode, turns in rounds or asynchronously, actions
 * applied to a shared board, files, locks and test runs — until every
 * subtask is done, the cap, or nobody can go on. A final test run on the
 * final repository grades the run: the trial is correct when every subtask
 * was marked done before the cap (the paper's success), its score is the
 * share of the job's tests passing at the end.
 */
import { COORDINATION_MODES, EXECUTIONS, type CodingJob, type CoordinationMode, type Execution } from '../../../../shared/domain/jobs';
import { DEFAULT_MAX_ROUNDS } from '../../../../shared/domain/structures/coding-team';
import type { EnvironmentState, EnvironmentTrial, TrialEnvironment } from '../../engine/environment';
import { StructureStuck, type CallOutcome, type TeamContext, type TeamStructure } from '../../engine/types';
import { balancedAssignment, paperPreassignment, type Assignment } from './assignment';
import { runAsync } from './async';
import { CodingEnvironment, isCodingEnvironment } from './environment';
import { runRounds } from './rounds';
import type { RunEnd } from './run';
import { sandboxRunner, timedTestRun } from './test-runs';

/** What a trial of anything but a coding job gets: every action refused, and the structure stops with a reason. */
const noJob: EnvironmentState = { name: 'no coding job', apply: () => ({ ok: false, detail: 'this item is not a coding job' }) };

function initialAssignment(job: CodingJob, mode: CoordinationMode, teamSize: number): Assignment | null {
  switch (mode) {
    case 'preassign':
    case 'work-stealing':
      return paperPreassignment(job.subtasks, teamSize);
    case 'balanced':
      return balancedAssignment(job.subtasks, teamSize);
    case 'lead-assign':
    case 'self-claim':
      return null;
  }
}

function setting(context: TeamContext): { mode: CoordinationMode; execution: Execution; maxRounds: number } {
  const mode = COORDINATION_MODES.find((m) => m === context.params.mode);
  const execution = EXECUTIONS.find((e) => e === context.params.execution) ?? 'rounds';
  if (!mode) throw new StructureStuck(`Unknown coordination mode "${String(context.params.mode)}"; the modes are ${COORDINATION_MODES.join(', ')}.`);
  return { mode, execution, maxRounds: Number(context.params.maxRounds ?? DEFAULT_MAX_ROUNDS) };
}

async function finalTests(board: CodingEnvironment, end: RunEnd): Promise<{ score: number | null; passes: boolean; summary: string }> {
  const { result, seconds } = await timedTestRun({ job: board.job, files: board.repository(), subtasks: [], virtualTime: board.setup.virtualTime, runner: board.setup.runner });
  const summary = result.output.split('\n')[0] ?? '';
  board.log.add('final_tests', end.endMs + seconds * 1000, { returncode: result.returncode, seconds, detail: summary });
  const total = result.passed + result.failed;
  return { score: total > 0 ? result.passed / total : null, passes: result.returncode === 0, summary };
}

export const codingTeam: TeamStructure = {
  id: 'coding-team',
  environment: (trial: EnvironmentTrial) => (trial.item.job ? new CodingEnvironment(trial.item.job) : noJob),
  async run(context) {
    const hook = context.environment;
    if (!hook || !isCodingEnvironment(hook.state)) {
      throw new StructureStuck('The coding team works on coding jobs: set the experiment\'s tasks to the "coding" suite, or to a task directory in the paper\'s format.');
    }
    const board = hook as TrialEnvironment<CodingEnvironment>;
    const environment = board.state;
    const { mode, execution, maxRounds } = setting(context);
    const teamSize = context.agents.length;
    const virtualTime = context.agents.every((agent) => agent.config.model.startsWith('sim:'));
    environment.start({ mode, execution, teamSize, virtualTime, runner: sandboxRunner }, initialAssignment(environment.job, mode, teamSize));

    const run = { context, board, maxRounds };
    const end = await (execution === 'async' ? runAsync(run) : runRounds(run));
    const done = environment.board.doneCount();
    environment.log.add('run_end', end.endMs, { detail: `${end.reason}: ${done} of ${environment.job.subtasks.length} subtasks done after ${end.rounds} ${execution === 'async' ? 'turns of the busiest agent' : 'rounds'}${end.detail ? ` (${end.detail})` : ''}` });
    for (let agent = 0; agent < teamSize; agent++) environment.locks.releaseAll(agent);

    const graded = await context.hold(finalTests(environment, end));
    const success = end.reason === 'all_done';
    const inputs = end.calls.filter((c): c is CallOutcome => c !== null);
    context.decide(
      success ? 'done' : null,
      `${end.reason}: ${done} of ${environment.job.subtasks.length} subtasks marked done; final tests: ${graded.summary}`,
      inputs,
      { correct: success, score: graded.score, endMs: end.endMs },
    );
  },
};
