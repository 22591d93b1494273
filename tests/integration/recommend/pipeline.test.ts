/**
 * Pilot → predict → recommend → verify through the lab, on the sim and a real
 * SQLite file: what a user gets back, what the database holds afterwards, and
 * the errors bad requests get.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLab, type LabHandle } from '../../../electron/core/create-lab';
import { RecommendationService } from '../../../electron/core/recommend/service';
import { LabStore } from '../../../electron/core/store/lab-store';
import { summarizeGrid } from '../../../shared/domain/grid';
import { DEFAULT_TOLERANCE, PILOT_MAX_FRACTION, type Recommendation, type Verification } from '../../../shared/domain/recommend';
import { parseExperimentSpec } from '../../../shared/domain/spec';

const root = join(import.meta.dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'quorum-recommend-'));
const dbPath = join(dir, 'lab.sqlite');
const example = JSON.parse(readFileSync(join(root, 'examples', 'recommend.json'), 'utf8')) as Record<string, unknown>;
let handle: LabHandle;
let pilotId: string;
let recommendation: Recommendation;
let verification: Verification;

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  handle = createLab({ databasePath: dbPath, appRoot: root, transport: 'http' });
  pilotId = (await handle.lab.startRecommendation({ spec: example, start: true })).experimentId;
  await handle.lab.waitFor(pilotId);
  recommendation = await handle.lab.getRecommendation({ id: pilotId });
  const { verificationId, experimentId } = await handle.lab.verifyRecommendation({ predictionId: recommendation.predictionId, start: true });
  await handle.lab.waitFor(experimentId);
  verification = await handle.lab.getVerification({ verificationId });
}, 120_000);

afterAll(async () => {
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the pilot', () => {
  it('is an ordinary experiment that completed, spending at most a tenth of the full sweep\'s calls', async () => {
    expect(await handle.lab.getProgress({ id: pilotId })).toMatchObject({ status: 'completed', failed: 0 });
    const parsed = parseExperimentSpec(example);
    if (!parsed.ok) throw new Error('invalid example');
    const sweep = summarizeGrid(parsed.value).calls;
    const made = query<{ n: number; tokens: number }>('SELECT COUNT(*) AS n, SUM(c.tokens_in + c.tokens_out) AS tokens FROM calls c JOIN trials t ON t.id = c.trial_id WHERE t.experiment_id = ?', pilotId)[0]!;
    expect(recommendation.pilot).toMatchObject({ experimentId: pilotId, calls: made.n, tokens: made.tokens, fullSweepCalls: sweep });
    expect(recommendation.pilot.fractionOfFullSweep).toBeCloseTo(made.n / sweep, 12);
    expect(recommendation.pilot.fractionOfFullSweep).toBeLessThanOrEqual(PILOT_MAX_FRACTION);
    const [pilot] = query<{ planned_fraction: number; items: number; candidate_items: number }>('SELECT planned_fraction, items, candidate_items FROM pilots WHERE experiment_id = ?', pilotId);
    expect(pilot!.planned_fraction).toBeLessThanOrEqual(PILOT_MAX_FRACTION);
    expect(pilot!.items).toBe(recommendation.pilot.items);
    expect(pilot!.items).toBeLessThanOrEqual(pilot!.candidate_items / 2);
  });

  it('is stored with its candidate grid, each of its cells standing for a candidate', () => {
    const cells = query<{ label: string; size: number; role: string; candidate_index: number }>(
      'SELECT c.label, c.size, p.role, p.candidate_index FROM pilot_cells p JOIN cells c ON c.experiment_id = p.experiment_id AND c.cell_index = p.cell_index WHERE p.experiment_id = ? ORDER BY c.cell_index',
      pilotId,
    );
    expect(cells.map((c) => [c.label, c.size, c.role])).toEqual([
      ['single', 1, 'single'],
      ['vote (plurality)', 25, 'pool'],
      ['debate (full)', 3, 'anchor'],
      ['debate (full)', 9, 'anchor'],
    ]);
    const stored = JSON.parse(query<{ spec: string }>('SELECT candidate_spec_json AS spec FROM pilots WHERE experiment_id = ?', pilotId)[0]!.spec) as { teams: unknown[] };
    expect(stored.teams).toHaveLength(3);
  });
});

describe('the recommendation', () => {
  it('predicts every candidate with an interval, tokens and latency, and ranks them', () => {
    expect(recommendation.candidates).toHaveLength(9);
    expect(recommendation.candidates.map((c) => c.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(recommendation.recommended).toEqual(recommendation.candidates[0]);
    for (const c of recommendation.candidates) {
      expect(c.predicted.low).toBeLessThanOrEqual(c.predicted.accuracy);
      expect(c.predicted.high).toBeGreaterThanOrEqual(c.predicted.accuracy);
      expect(c.predicted.tokens).toBeGreaterThan(0);
      expect(c.predicted.latencyMs).toBeGreaterThan(0);
      expect(c.basis.length).toBeGreaterThan(20);
    }
    const measured = recommendation.candidates.filter((c) => c.measured !== null).map((c) => `${c.structure} ${c.size}`);
    expect(measured.sort()).toEqual(['debate 3', 'debate 9', 'single 1', 'vote 25']);
  });

  it('recommends the cheapest candidate predicted within one point of the best', () => {
    const best = Math.max(...recommendation.candidates.map((c) => c.predicted.accuracy));
    const close = recommendation.candidates.filter((c) => c.predicted.accuracy >= best - DEFAULT_TOLERANCE - 1e-9);
    const cheapest = Math.min(...close.map((c) => c.predicted.tokens));
    expect(recommendation.recommended.predicted.tokens).toBe(cheapest);
    expect(recommendation.reason).toContain(recommendation.recommended.label);
  });

  it('answers the three questions in words, each with an effect and its interval', () => {
    expect(recommendation.answers.map((a) => a.question)).toEqual(['team-or-single', 'how-many', 'which-structure']);
    for (const answer of recommendation.answers) {
      expect(answer.effect).not.toBeNull();
      expect(answer.low!).toBeLessThanOrEqual(answer.effect!);
      expect(answer.high!).toBeGreaterThanOrEqual(answer.effect!);
      expect(answer.words).toMatch(/points \([−+]\d+\.\d to [−+]\d+\.\d\)/);
    }
  });

  it('is stored, and the same question gets the same recommendation back', async () => {
    const again = await handle.lab.getRecommendation({ id: pilotId });
    // Verifications made since are listed with it; the rest is the stored recommendation itself.
    expect({ ...again, verifications: [] }).toEqual({ ...recommendation, verifications: [] });
    const perToken = await handle.lab.getRecommendation({ id: pilotId, objective: 'accuracy-per-token' });
    expect(perToken.predictionId).not.toBe(recommendation.predictionId);
    const ratio = (c: { predicted: { accuracy: number; tokens: number } }) => c.predicted.accuracy / c.predicted.tokens;
    expect(ratio(perToken.recommended)).toBe(Math.max(...perToken.candidates.map(ratio)));
    // One agent gives the most accuracy per token here; the answers then weigh the teams it was preferred to.
    expect(perToken.recommended.structure).toBe('single');
    expect(perToken.answers[0]!.words).toMatch(/^No: the best-ranked team, .* is predicted [−+]\d+\.\d points .* against one agent/);
    expect(perToken.answers[1]!.words).toMatch(/^One agent: the smallest .* of \d+, is predicted [−+]\d+\.\d points/);
    expect(query('SELECT id FROM predictions WHERE experiment_id = ?', pilotId)).toHaveLength(2);
  });

  it('keeps to a token budget', async () => {
    const budgeted = await handle.lab.getRecommendation({ id: pilotId, budgetTokens: 1000 });
    expect(budgeted.recommended.predicted.tokens).toBeLessThanOrEqual(1000);
    expect(budgeted.candidates.filter((c) => !c.withinBudget).every((c) => c.predicted.tokens > 1000)).toBe(true);
    expect(budgeted.candidates.slice(-budgeted.candidates.filter((c) => !c.withinBudget).length).every((c) => !c.withinBudget)).toBe(true);
    const alone = await handle.lab.getRecommendation({ id: pilotId, budgetTokens: 200 });
    expect(alone.recommended.structure).toBe('single');
    expect(alone.answers[0]).toMatchObject({ words: 'One agent: no team among the candidates fits.', effect: null });
  });
});

describe('the verification', () => {
  it('runs the recommended cell, its neighbours and one agent on new items, and the predictions hold on the sim', () => {
    expect(verification.status).toBe('completed');
    expect(verification.cells[0]).toMatchObject({ role: 'recommended', label: recommendation.recommended.label, size: recommendation.recommended.size });
    expect(verification.cells.map((c) => c.role)).toContain('single');
    expect(verification.itemOffset).toBe(recommendation.pilot.items);
    expect(verification.items).toBeGreaterThanOrEqual(100);
    for (const cell of verification.cells) {
      expect(cell.measured!.trials).toBe(verification.items);
      expect(cell.accepted!.low).toBeLessThanOrEqual(cell.predicted.low);
      expect(cell.accepted!.high).toBeGreaterThanOrEqual(cell.predicted.high);
      expect(cell.held).toBe(cell.measured!.accuracy >= cell.accepted!.low && cell.measured!.accuracy <= cell.accepted!.high);
    }
    expect(verification.held).toBe(verification.total);
    expect(verification.summary).toMatch(/^All \d predictions held on \d+ items the pilot did not use/);
  });

  it('met none of the pilot\'s items', () => {
    const overlap = query<{ n: number }>(
      'SELECT COUNT(*) AS n FROM items v JOIN items p ON p.prompt = v.prompt WHERE v.experiment_id = ? AND p.experiment_id = ?',
      verification.experimentId,
      pilotId,
    )[0]!;
    expect(overlap.n).toBe(0);
  });

  it('is stored linked to its prediction, its pilot and its experiments', () => {
    const rows = query<{ role: string; held: number; label: string; pilot: string; verified_in: string }>(
      `SELECT v.role, v.held, c.label, pl.experiment_id AS pilot, ve.experiment_id AS verified_in
       FROM verified_cells v
       JOIN verifications ve ON ve.id = v.verification_id
       JOIN predicted_cells c ON c.prediction_id = v.prediction_id AND c.candidate_index = v.candidate_index
       JOIN predictions p ON p.id = v.prediction_id
       JOIN pilots pl ON pl.experiment_id = p.experiment_id
       JOIN experiments e ON e.id = ve.experiment_id
       WHERE ve.id = ?`,
      verification.verificationId,
    );
    expect(rows).toHaveLength(verification.cells.length);
    expect(rows.every((r) => r.pilot === pilotId && r.verified_in === verification.experimentId && r.held === 1)).toBe(true);
  });

  it('answers "running" until its experiment has finished', async () => {
    const { verificationId } = await handle.lab.verifyRecommendation({ predictionId: recommendation.predictionId });
    const pending = await handle.lab.getVerification({ verificationId });
    expect(pending).toMatchObject({ status: 'running', held: 0 });
    expect(pending.cells.every((c) => c.measured === null && c.held === null)).toBe(true);
  });

  it('runs the example queries of docs/recommend.md', () => {
    const doc = readFileSync(join(root, 'docs', 'recommend.md'), 'utf8');
    const queries = [...doc.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(queries.length).toBeGreaterThanOrEqual(3);
    for (const sql of queries) expect(query(sql).length, sql).toBeGreaterThan(0);
  });
});

describe('what a shared database carries', () => {
  it('says which experiment is a pilot and which one checked which prediction', async () => {
    expect((await handle.lab.getExperiment({ id: pilotId })).purpose).toEqual({ kind: 'pilot' });
    expect((await handle.lab.getExperiment({ id: verification.experimentId })).purpose).toEqual({
      kind: 'verification',
      verificationId: verification.verificationId,
      predictionId: recommendation.predictionId,
      fittedOn: pilotId,
    });
  });

  it('lists a prediction\'s verifications with their verdicts when the recommendation is asked for again', async () => {
    const again = await handle.lab.getRecommendation({ id: pilotId });
    const first = again.verifications.find((v) => v.verificationId === verification.verificationId);
    expect(first).toEqual({ verificationId: verification.verificationId, experimentId: verification.experimentId, createdAt: expect.any(Number), held: verification.held, total: verification.total });
  });

  it('opened read-only, still answers a new question without writing to the file', async () => {
    const before = query<{ n: number }>('SELECT COUNT(*) AS n FROM predictions')[0]!.n;
    const store = LabStore.open(dbPath, { readOnly: true });
    try {
      const refuse = () => Promise.reject(new Error('a read-only lab creates no experiment'));
      const service = new RecommendationService({ store, examplesDir: join(root, 'examples'), version: 'test', createExperiment: refuse, startExperiment: refuse });
      const perToken = await service.recommend({ id: pilotId, objective: 'accuracy-per-token' });
      expect(perToken.objective).toBe('accuracy-per-token');
      expect(perToken.candidates.length).toBe(recommendation.candidates.length);
    } finally {
      store.close();
    }
    expect(query<{ n: number }>('SELECT COUNT(*) AS n FROM predictions')[0]!.n).toBe(before);
  });
});

describe('a recommendation from an experiment that is not a pilot', () => {
  it('takes the experiment\'s own cells as the candidates', async () => {
    const quickstart = JSON.parse(readFileSync(join(root, 'examples', 'quickstart.json'), 'utf8')) as unknown;
    const { id } = await handle.lab.createExperiment({ spec: quickstart, start: true });
    await handle.lab.waitFor(id);
    const rec = await handle.lab.getRecommendation({ id });
    expect(rec.source).toBe('experiment');
    expect(rec.candidates.map((c) => `${c.structure} ${c.size}`).sort()).toEqual(['single 1', 'vote 3', 'vote 5', 'vote 9']);
    expect(rec.candidates.every((c) => c.measured !== null && !c.added)).toBe(true);
    expect(rec.candidates.find((c) => c.structure === 'vote')!.basis).toMatch(/^Condorcet with correlated errors \(majority rule\) from the 18 voters' answers per item of this experiment's vote \(majority\) of 9/);
  }, 60_000);
});

describe('bad requests', () => {
  it('say what was wrong and store nothing', async () => {
    const before = query<{ n: number }>('SELECT (SELECT COUNT(*) FROM predictions) + (SELECT COUNT(*) FROM verifications) + (SELECT COUNT(*) FROM experiments) AS n')[0]!.n;
    await expect(handle.lab.verifyRecommendation({ predictionId: 'pred-nope' })).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('No prediction with id "pred-nope"') });
    await expect(handle.lab.getVerification({ verificationId: 'ver-nope' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(handle.lab.getRecommendation({ id: 'exp-nope' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(handle.lab.startRecommendation({ spec: { ...example, teams: [{ structure: 'vote', sizes: [5] }] } })).rejects.toMatchObject({
      code: 'invalid_spec',
      message: expect.stringContaining('The candidate grid has one cell'),
    });
    await expect(handle.lab.startRecommendation({ spec: { ...example, teams: 'none' } })).rejects.toMatchObject({ code: 'invalid_spec', message: expect.stringContaining('teams') });
    await expect(handle.lab.getRecommendation({ id: pilotId, budgetTokens: 10 })).rejects.toMatchObject({
      code: 'invalid_request',
      message: expect.stringMatching(/No candidate is predicted to spend at most 10 tokens per trial; .*Ask again with a budget of at least \d+/),
    });
    expect(query<{ n: number }>('SELECT (SELECT COUNT(*) FROM predictions) + (SELECT COUNT(*) FROM verifications) + (SELECT COUNT(*) FROM experiments) AS n')[0]!.n).toBe(before);
  });

  it('ask for a pilot\'s recommendation only once it has completed', async () => {
    const { experimentId } = await handle.lab.startRecommendation({ spec: example });
    await expect(handle.lab.getRecommendation({ id: experimentId })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('is planned (0/280 trials saved); ask for its recommendation once it has completed') });
  });
});
