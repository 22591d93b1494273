/** The paper's metrics of coding-job runs and ours (docs/job-metrics.md). */
export { experimentJobFigures, jobReport, pooledJobFigures } from './job-report';
export { measureRun, runSetting, PAPER_MAX_LATENCY_SECONDS } from './run-metrics';
export { groupRuns } from './group-metrics';
export { jobFigures } from './figures';
export { amdahl } from './speedup';
export { theoreticalMinRounds } from './critical-path';
