/** One agent answers alone: the baseline every team is compared with. */
import type { StructureDefinition } from './types';

export const single: StructureDefinition = {
  id: 'single',
  title: 'Single agent',
  summary: 'One agent answers alone: the baseline every team is compared with.',
  shape: {},
  fields: [],
  teamSize: () => 1,
  label: () => 'single',
  formulas: { calls: '1', messages: '0', rounds: '1' },
  expected: () => ({ calls: 1, messages: 0, rounds: 1 }),
  roles: () => ['solver'],
};
