import type { Migration } from './types';
import { initialSchema } from './001_initial';
import { planningStatus } from './002_planning_status';
import { teamEngine } from './003_team_engine';
import { recommendations } from './004_recommendations';
import { codingJobs } from './005_coding_jobs';

/** Every migration, oldest first. Append only: never reorder, edit or remove an entry. */
export const MIGRATIONS: readonly Migration[] = [initialSchema, planningStatus, teamEngine, recommendations, codingJobs];

export const LATEST_SCHEMA_VERSION: number = MIGRATIONS.length === 0 ? 0 : MIGRATIONS[MIGRATIONS.length - 1]!.version;

export type { Migration };
