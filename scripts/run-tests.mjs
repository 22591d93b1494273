#!/usr/bin/env node
// `npm test`: unit and integration tests (vitest), then the browser and
// Electron end-to-end tests (Playwright). Stops at the first failing stage and
// closes with one plain "N passed, N failed" line over all stages.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const results = join('test-results');
mkdirSync(results, { recursive: true });

const stages = [
  { name: 'unit + integration (vitest)', cmd: ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${join(results, 'vitest.json')}`], report: join(results, 'vitest.json'), parse: parseVitest },
  { name: 'end-to-end (playwright)', cmd: ['node_modules/@playwright/test/cli.js', 'test'], env: { PLAYWRIGHT_JSON_OUTPUT_NAME: join(results, 'playwright.json') }, report: join(results, 'playwright.json'), parse: parsePlaywright, reporterArgs: ['--reporter=list,json'] },
];

let passed = 0;
let failed = 0;
let skipped = 0;
let exitCode = 0;
for (const stage of stages) {
  console.log(`\n=== ${stage.name} ===`);
  const run = spawnSync(process.execPath, [...stage.cmd, ...(stage.reporterArgs ?? [])], { stdio: 'inherit', env: { ...process.env, ...(stage.env ?? {}) } });
  const counts = existsSync(stage.report) ? stage.parse(JSON.parse(readFileSync(stage.report, 'utf8'))) : null;
  if (counts) {
    passed += counts.passed;
    failed += counts.failed;
    skipped += counts.skipped;
  }
  if (run.status !== 0) {
    if (!counts || counts.failed === 0) failed += 1; // the stage itself broke
    exitCode = run.status ?? 1;
    break;
  }
}
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(exitCode);

function parseVitest(report) {
  return { passed: report.numPassedTests ?? 0, failed: report.numFailedTests ?? 0, skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0) };
}

function parsePlaywright(report) {
  const s = report.stats ?? {};
  return { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: s.unexpected ?? 0, skipped: s.skipped ?? 0 };
}
