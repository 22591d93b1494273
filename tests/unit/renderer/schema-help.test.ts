/** Field help in the editor, from the spec's own JSON Schema. */
import { describe, expect, it } from 'vitest';
import { describeSchema, typeText } from '../../../renderer/src/components/designer/schema-help';
import { experimentSpecJsonSchema } from '../../../shared/domain/spec';

type Schema = Record<string, unknown>;

const schema = experimentSpecJsonSchema();
const properties = schema.properties as Record<string, Schema>;

describe('schema help', () => {
  it('says what a field is and what it takes', () => {
    const count = (properties.tasks!.properties as Record<string, Schema>).count!;
    expect(describeSchema(count)).toEqual({ message: 'How many items: required for a suite; for a file, the first `count` rows (default: every row).', typeInfo: 'an integer 1–100000' });
    const temperature = (properties.agents!.properties as Record<string, Schema>).temperature!;
    expect(describeSchema(temperature).typeInfo).toBe('a number 0–2 · default 0.7');
  });

  it('leaves out the bound the builders add to every integer', () => {
    expect(describeSchema(properties.seed!).typeInfo).toBe('an integer ≥ 0 · default 0');
  });

  it('describes a grid axis, a choice and a list', () => {
    const teams = properties.teams!.items as Schema;
    const vote = ((teams.oneOf ?? teams.anyOf) as Schema[]).find((branch) => (branch.properties as Record<string, Schema>).structure!.const === 'vote')!;
    const voteFields = vote.properties as Record<string, Schema>;
    expect(typeText(voteFields.sizes!)).toBe('an integer 1–1000, or a list of them (each value its own cells)');
    expect(typeText(voteFields.aggregate!)).toBe('one of "majority", "plurality", "weighted", "quorum", "judge"');
    expect(typeText((properties.agents!.properties as Record<string, Schema>).models!)).toBe('a list of strings');
  });
});
