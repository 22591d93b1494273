/** Model loads (warm-ups and reloads) and hardware calibrations. */
import type { Database, Statement } from 'better-sqlite3';
import type { CalibrationPoint, CalibrationProfile, ModelLoadCount } from '../../../shared/domain/models';

export interface ModelLoadRecord {
  experimentId?: string;
  host: string;
  model: string;
  kind: 'warmup' | 'reload';
  loadMs: number;
  atMs: number;
}

export interface ThroughputRow {
  host: string;
  model: string;
  output_tokens: number;
  first_ms: number;
  last_ms: number;
}

interface CalibrationRow {
  id: number;
  host: string;
  model: string;
  measured_at: string;
  points_json: string;
}

function toProfile(row: CalibrationRow): CalibrationProfile {
  return { id: row.id, host: row.host, model: row.model, measuredAt: row.measured_at, points: JSON.parse(row.points_json) as CalibrationPoint[] };
}

export class ModelRepository {
  private readonly insertLoad: Statement<[string | null, string, string, string, number, number]>;
  private readonly loadsFor: Statement<[string], { host: string; model: string; loads: number; warmups: number; total_load_ms: number }>;
  private readonly insertCalibration: Statement<[string, string, string, string]>;
  private readonly allCalibrations: Statement<[], CalibrationRow>;
  private readonly latest: Statement<[string, string], CalibrationRow>;
  private readonly throughput: Statement<[string], ThroughputRow>;

  constructor(db: Database) {
    this.throughput = db.prepare(`
      SELECT c.host, c.model, sum(c.tokens_out) AS output_tokens, min(c.started_at_ms) AS first_ms, max(c.ended_at_ms) AS last_ms
      FROM calls c JOIN trials t ON t.id = c.trial_id
      WHERE t.experiment_id = ? AND c.simulated = 0
      GROUP BY c.host, c.model`);
    this.insertLoad = db.prepare('INSERT INTO model_loads (experiment_id, host, model, kind, load_ms, at_ms) VALUES (?, ?, ?, ?, ?, ?)');
    this.loadsFor = db.prepare(`
      SELECT host, model, count(*) AS loads, sum(kind = 'warmup') AS warmups, sum(load_ms) AS total_load_ms
      FROM model_loads WHERE experiment_id = ? GROUP BY host, model ORDER BY min(at_ms)`);
    this.insertCalibration = db.prepare('INSERT INTO calibrations (host, model, measured_at, points_json) VALUES (?, ?, ?, ?)');
    this.allCalibrations = db.prepare('SELECT id, host, model, measured_at, points_json FROM calibrations ORDER BY measured_at DESC, id DESC');
    this.latest = db.prepare('SELECT id, host, model, measured_at, points_json FROM calibrations WHERE host = ? AND model = ? ORDER BY measured_at DESC, id DESC LIMIT 1');
  }

  recordLoad(load: ModelLoadRecord): void {
    this.insertLoad.run(load.experimentId ?? null, load.host, load.model, load.kind, load.loadMs, Math.round(load.atMs));
  }

  loads(experimentId: string): ModelLoadCount[] {
    return this.loadsFor.all(experimentId).map((r) => ({ host: r.host, model: r.model, loads: r.loads, warmups: r.warmups, totalLoadMs: r.total_load_ms }));
  }

  saveCalibration(profile: Omit<CalibrationProfile, 'id'>): CalibrationProfile {
    const result = this.insertCalibration.run(profile.host, profile.model, profile.measuredAt, JSON.stringify(profile.points));
    return { ...profile, id: Number(result.lastInsertRowid) };
  }

  listCalibrations(): CalibrationProfile[] {
    return this.allCalibrations.all().map(toProfile);
  }

  latestCalibration(host: string, model: string): CalibrationProfile | null {
    const row = this.latest.get(host, model);
    return row ? toProfile(row) : null;
  }

  /** Generated tokens and the span they took, per host and model, for real (not simulated) calls. */
  throughputOf(experimentId: string): ThroughputRow[] {
    return this.throughput.all(experimentId);
  }
}
