/**
 * Every generated block of docs/sim-backend.md, by marker key. The profile
 * tables come from SIM_PROFILES; the others are measured by running
 * experiments through the team engine. `npm run sim-docs` writes them into the
 * page; tests/unit/docs/sim-docs.test.ts fails when the page is stale.
 */
import { codingKnobTable, codingSpeedupTable } from './doc-tables-coding';
import { accuracyTable, behaviourTable, errorTable, profileTable, temperatureTable } from './doc-tables-models';
import { debateTable, mixedTable, voteTables } from './doc-tables-teams';

export async function simDocTables(): Promise<Record<string, string>> {
  const votes = await voteTables();
  return {
    profiles: profileTable(),
    behaviour: behaviourTable(),
    accuracy: await accuracyTable(),
    errors: await errorTable(),
    saturation: votes.saturation,
    condorcet: votes.condorcet,
    debate: await debateTable(),
    mixed: await mixedTable(),
    temperature: await temperatureTable(),
    'coding-knobs': codingKnobTable(),
    'coding-speedup': await codingSpeedupTable(),
  };
}
