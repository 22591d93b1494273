/** The Designer's team form as pure functions: registry fields in, a team entry written into the spec's text out. */
import { describe, expect, it } from 'vitest';
import {
  buildEntry,
  defaultValues,
  parseField,
  removeTeam,
  teamsInText,
  valuesFromEntry,
  writeTeam,
  type TeamFormValues,
} from '../../../renderer/src/components/designer/team-entry';
import { formatSpec } from '../../../renderer/src/state/spec-text';
import { parseExperimentSpec } from '../../../shared/domain/spec';
import { STRUCTURE_DEFINITIONS, structureDefinition } from '../../../shared/domain/structures';

const spec = formatSpec({
  name: 'x',
  tasks: { suite: 'arithmetic', count: 10 },
  agents: { model: 'sim:default' },
  teams: [{ structure: 'single' }, { structure: 'vote', sizes: [3, 5, 9], aggregate: 'majority' }],
});

function field(structure: string, name: string) {
  const found = structureDefinition(structure)?.fields.find((f) => f.name === name);
  if (!found) throw new Error(`${structure} has no field ${name}`);
  return found;
}

function form(structure: string, params: Record<string, string>, extra: Partial<TeamFormValues> = {}): TeamFormValues {
  const values = defaultValues(structure);
  return { ...values, ...extra, params: { ...values.params, ...params } };
}

describe('team form: fields', () => {
  it('reads an axis as a comma-separated list, within the registry range', () => {
    expect(parseField(field('vote', 'sizes'), '3, 5,9')).toEqual({ ok: true, value: [3, 5, 9] });
    // Sizes are suggested as a list, so one size is still a list; rounds are suggested as one value.
    expect(parseField(field('vote', 'sizes'), '7')).toEqual({ ok: true, value: [7] });
    expect(parseField(field('debate', 'rounds'), '2')).toEqual({ ok: true, value: 2 });
    expect(parseField(field('debate', 'rounds'), '1, 3')).toEqual({ ok: true, value: [1, 3] });
    expect(parseField(field('vote', 'sizes'), '3, 0')).toEqual({ ok: false, message: '0 is out of range: 1–1000' });
    expect(parseField(field('vote', 'sizes'), '3, x')).toEqual({ ok: false, message: '"x" is not a whole number' });
    expect(parseField(field('vote', 'sizes'), '3, 3')).toEqual({ ok: false, message: 'lists 3 twice' });
    expect(parseField(field('vote', 'sizes'), ' ')).toEqual({ ok: true, value: undefined });
  });

  it('takes one value where the field is not an axis, and choices from the registry', () => {
    expect(parseField(field('vote', 'quorum'), '2, 3')).toEqual({ ok: false, message: 'takes one value' });
    expect(parseField(field('vote', 'aggregate'), 'plurality')).toEqual({ ok: true, value: 'plurality' });
    expect(parseField(field('vote', 'aggregate'), 'most')).toMatchObject({ ok: false });
    expect(parseField(field('debate', 'topology'), 'full, ring')).toEqual({ ok: true, value: ['full', 'ring'] });
  });

  it('offers every structure of the registry with its suggested values', () => {
    for (const definition of STRUCTURE_DEFINITIONS) {
      const values = defaultValues(definition.id);
      const built = buildEntry(values);
      expect(built.ok, definition.id).toBe(true);
      if (!built.ok) continue;
      // Whatever the form writes by default, the lab accepts.
      const written = writeTeam(formatSpec({ name: 'x', tasks: { suite: 'arithmetic', count: 1 }, agents: { model: 'sim:default' }, teams: [] }), built.entry, null);
      expect(written.ok).toBe(true);
      if (!written.ok) continue;
      expect(parseExperimentSpec(JSON.parse(written.text)).ok, definition.id).toBe(true);
    }
  });
});

describe('team form: entries', () => {
  it('writes what was set and leaves out what equals the lab default', () => {
    const built = buildEntry(form('vote', { sizes: '4, 6' }, { label: 'even vote' }));
    expect(built).toEqual({ ok: true, entry: { structure: 'vote', label: 'even vote', sizes: [4, 6] } });
    const plurality = buildEntry(form('vote', { sizes: '3', aggregate: 'plurality' }));
    expect(plurality).toEqual({ ok: true, entry: { structure: 'vote', sizes: [3], aggregate: 'plurality' } });
  });

  it('reports each bad input by its key', () => {
    const built = buildEntry(
      form('vote', { sizes: '0' }, { agents: [{ model: 'gpt', count: '0', temperature: '3', persona: '', role: '' }], label: 'x'.repeat(81) }),
    );
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.problems.map((p) => p.key)).toEqual(['label', 'param:sizes', 'agent:0:model', 'agent:0:count', 'agent:0:temperature']);
  });

  it('round-trips an entry, keeping its key order and what the form does not show', () => {
    const entry = { aggregate: 'weighted', structure: 'vote', weightBy: 'accuracy', agents: [{ model: 'sim:weak', weight: 1.5 }, { model: 'sim:strong', count: 2 }], label: 'mixed' };
    const values = valuesFromEntry(entry);
    expect(values).not.toBeNull();
    if (!values) return;
    expect(values.params).toMatchObject({ aggregate: 'weighted', weightBy: 'accuracy', sizes: '' });
    expect(values.agents).toEqual([
      { model: 'sim:weak', count: '1', temperature: '', persona: '', role: '' },
      { model: 'sim:strong', count: '2', temperature: '', persona: '', role: '' },
    ]);
    values.agents[0]!.temperature = '0.2';
    const built = buildEntry(values, entry);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(Object.keys(built.entry)).toEqual(['aggregate', 'structure', 'weightBy', 'agents', 'label']);
    expect(built.entry.agents).toEqual([
      { weight: 1.5, model: 'sim:weak', count: 1, temperature: 0.2 },
      { model: 'sim:strong', count: 2 },
    ]);
  });

  it('drops the old structure fields when the structure changes', () => {
    const values = { ...defaultValues('leader-worker'), label: 'lw' };
    const built = buildEntry(values, { structure: 'vote', sizes: [3], aggregate: 'judge' });
    expect(built).toEqual({ ok: true, entry: { structure: 'leader-worker', label: 'lw', workers: 3 } });
  });
});

describe('team form: the spec text', () => {
  it('lists the teams with their parameters', () => {
    expect(teamsInText(spec)).toEqual([
      { index: 0, name: 'Single agent', details: '', editable: true },
      { index: 1, name: 'Vote', details: 'team sizes 3, 5, 9 · rule majority', editable: true },
    ]);
    expect(teamsInText('{ "teams": ')).toBeNull();
  });

  it('appends, replaces and removes entries, and formats the spec', () => {
    const added = writeTeam(spec, { structure: 'debate', sizes: [3] }, null);
    expect(added).toMatchObject({ ok: true, index: 2 });
    if (!added.ok) return;
    expect(added.text).toBe(formatSpec({ ...JSON.parse(spec), teams: [...JSON.parse(spec).teams, { structure: 'debate', sizes: [3] }] }));
    const replaced = writeTeam(added.text, { structure: 'vote', sizes: [5] }, 1);
    expect(replaced.ok && JSON.parse(replaced.text).teams[1]).toEqual({ structure: 'vote', sizes: [5] });
    const removed = removeTeam(added.text, 0);
    expect(removed.ok && JSON.parse(removed.text).teams.map((t: { structure: string }) => t.structure)).toEqual(['vote', 'debate']);
  });

  it('refuses to write into text that is not JSON, and says where it breaks', () => {
    const broken = spec.replace('"name": "x",', '"name": "x"');
    const written = writeTeam(broken, { structure: 'single' }, null);
    expect(written.ok).toBe(false);
    if (written.ok) return;
    expect(written.error?.line).toBe(2);
    expect(written.message).toContain('line 2');
  });
});
