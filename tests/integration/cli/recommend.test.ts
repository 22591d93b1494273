/** `recommend` and `verify` as a user runs them: real processes, a real SQLite file, the sim. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const cli = join(root, 'electron', 'headless', 'cli.ts');
const dir = mkdtempSync(join(tmpdir(), 'quorum-cli-recommend-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function lab(args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, QUORUM_DB: join(dir, 'default.sqlite') } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface RecommendationJson {
  predictionId: string;
  recommended: { structure: string; size: number; params: Record<string, unknown>; predicted: { accuracy: number; low: number; high: number; tokens: number; latencyMs: number } };
  candidates: Array<{ rank: number; structure: string; size: number }>;
  pilot: { calls: number; tokens: number; fractionOfFullSweep: number; experimentId: string };
}

describe('npm run lab -- recommend', () => {
  const db = join(dir, 'recommend.sqlite');
  let printed: RecommendationJson;

  it('runs a pilot with a progress bar and prints the recommendation as JSON', () => {
    const { code, stdout, stderr } = lab(['recommend', 'examples/recommend.json', '--json', '--db', db]);
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(/Pilot exp-\S+ planned in/);
    expect(stderr).toContain('280/280');
    printed = JSON.parse(stdout) as RecommendationJson;
    const { recommended, candidates, pilot } = printed;
    expect(Object.keys(recommended.predicted).sort()).toEqual(['accuracy', 'high', 'latencyMs', 'low', 'tokens']);
    expect(recommended.structure).toMatch(/^(single|vote|debate)$/);
    expect(recommended.params).toBeTypeOf('object');
    expect(candidates).toHaveLength(9);
    expect(candidates[0]).toMatchObject({ rank: 1, structure: recommended.structure, size: recommended.size });
    expect(pilot.calls).toBeGreaterThan(0);
    expect(pilot.tokens).toBeGreaterThan(pilot.calls);
    expect(pilot.fractionOfFullSweep).toBeLessThanOrEqual(0.1);
  }, 60_000);

  it('prints the same recommendation as text for an experiment that has finished, with the three questions answered', () => {
    const { code, stdout, stderr } = lab(['recommend', '--id', printed.pilot.experimentId, '--db', db]);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain(`Recommendation ${printed.predictionId}`);
    expect(stdout).toMatch(/Recommended: \S.* of \d+ — \d+\.\d% \[\d+\.\d%, \d+\.\d%\]/);
    for (const question of ['Is a team better than one agent?', 'How many agents?', 'Which structure?']) expect(stdout).toContain(question);
    expect(stdout).toContain(`npm run lab -- verify ${printed.predictionId}`);
  });

  it('verifies the prediction on new items and exits 0 when every prediction held', () => {
    const { code, stdout, stderr } = lab(['verify', printed.predictionId, '--db', db]);
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(/Verification ver-\S+ planned as experiment exp-\S+/);
    expect(stdout).toMatch(/^Verification ver-\S+ of pred-\S+ — completed/);
    expect(stdout).toMatch(/^recommended\s/m);
    expect(stdout).toMatch(/^single\s/m);
    expect(stdout).toContain('predictions held on');
    expect(stdout).not.toContain('NOT held');
  }, 60_000);

  it('prints the verification as JSON with --json', () => {
    const { code, stdout } = lab(['verify', printed.predictionId, '--json', '--db', db]);
    expect(code).toBe(0);
    const verification = JSON.parse(stdout) as { status: string; held: number; total: number; cells: Array<{ role: string; held: boolean }> };
    expect(verification).toMatchObject({ status: 'completed' });
    expect(verification.held).toBe(verification.total);
  }, 60_000);

  it('explains a budget no candidate meets, naming the budget that would do', () => {
    const { code, stderr } = lab(['recommend', '--id', printed.pilot.experimentId, '--budget-tokens', '5', '--db', db]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/No candidate is predicted to spend at most 5 tokens per trial.*--budget-tokens \d+/s);
  });

  it('explains an unknown prediction id', () => {
    const { code, stderr } = lab(['verify', 'pred-unknown', '--db', db]);
    expect(code).toBe(1);
    expect(stderr).toContain('No prediction with id "pred-unknown" in this database');
  });

  it('refuses bad options before touching the database', () => {
    const fresh = join(dir, 'untouched.sqlite');
    const objective = lab(['recommend', 'examples/recommend.json', '--objective', 'speed', '--db', fresh]);
    expect(objective.code).toBe(2);
    expect(objective.stderr).toContain('--objective must be "accuracy" or "accuracy-per-token", got "speed"');
    const budget = lab(['recommend', 'examples/recommend.json', '--budget-tokens', '0', '--db', fresh]);
    expect(budget.code).toBe(2);
    expect(budget.stderr).toContain('--budget-tokens must be a whole number');
    expect(lab(['recommend', '--db', fresh]).stderr).toContain('Give the candidate grid');
    expect(lab(['verify', '--db', fresh]).stderr).toContain('Give the prediction id');
    expect(lab(['list', '--db', fresh]).stdout).toContain('No experiments yet');
  });

  it('refuses a candidate grid with one cell', () => {
    const file = join(dir, 'one-cell.json');
    writeFileSync(file, JSON.stringify({ name: 'one', tasks: { suite: 'arithmetic', count: 500 }, agents: { model: 'sim:default' }, teams: [{ structure: 'vote', sizes: [5] }] }));
    const { code, stderr } = lab(['recommend', file, '--db', join(dir, 'one.sqlite')]);
    expect(code).toBe(1);
    expect(stderr).toContain('The candidate grid has one cell (vote (majority)); a recommendation chooses between candidates.');
  });
});
