/** The Designer's pure helpers: where a JSON mistake is, where an issue path points, and what the registry counts. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatSpec, issuePath, locateIssue, parseSpecText, specOverview, tieWarnings } from '../../../renderer/src/state/spec-text';
import { parseExperimentSpec, type ExperimentSpec } from '../../../shared/domain/spec';

const examples = join(import.meta.dirname, '..', '..', '..', 'examples');
const quickstart = readFileSync(join(examples, 'quickstart.json'), 'utf8');

function syntax(text: string) {
  const parsed = parseSpecText(text);
  if (parsed.ok) throw new Error(`expected a syntax error in ${JSON.stringify(text)}`);
  return parsed.error;
}

function valid(raw: unknown): ExperimentSpec {
  const parsed = parseExperimentSpec(raw);
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return parsed.value;
}

/** The text an issue is underlined at. */
function at(text: string, path: string, message?: string): string {
  const range = locateIssue(text, path, message);
  return text.slice(range.from, range.to);
}

describe('spec text: syntax errors', () => {
  it('parses valid JSON and round-trips through the formatter', () => {
    const parsed = parseSpecText(quickstart);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(JSON.parse(formatSpec(parsed.value))).toEqual(parsed.value);
  });

  it('points at a missing comma where it belongs: right after the value before it', () => {
    const text = '{\n  "name": "x"\n  "seed": 1\n}';
    const error = syntax(text);
    expect(error).toMatchObject({ line: 2, column: 14, offset: text.indexOf('"x"') + 3, length: 0 });
    expect(error.message).toBe('a "," is missing after this value, before the next field');
    expect(syntax('[1 2]').message).toBe('a "," is missing after this entry, before the next one');
  });

  it('names a trailing comma at the comma, and other mistakes in words', () => {
    const trailing = syntax('{\n  "a": 1,\n}');
    expect(trailing).toMatchObject({ line: 2, column: 9, message: 'a comma before "}" is not allowed in JSON; remove it' });
    expect(syntax('[1, 2,]').message).toBe('a comma before "]" is not allowed in JSON; remove it');
    expect(syntax("{ \"a\": 'x' }").message).toBe('JSON strings use double quotes ", not single quotes');
    expect(syntax('{ "a": "open\n}').message).toBe('the string is not closed: add the closing " before the line ends');
    expect(syntax('{ "a" 1 }').message).toBe('expected ":" after the field name, found "1"');
    expect(syntax('{ "a": 1 } x').message).toBe('unexpected "x" after the end of the spec');
    expect(syntax('// note\n{}').message).toBe('JSON does not allow comments; remove it');
    expect(syntax('{ "a": "\\q" }')).toMatchObject({ column: 9, message: '\\q is not a JSON escape; write a backslash as \\\\' });
    expect(syntax('{ "a": [1, 2 }').message).toBe('expected "," or "]" after a list entry, found "}"');
    expect(syntax('{ "a": 1').message).toBe('the text ends before the object is closed: a "}" is missing');
    expect(syntax('  ').message).toBe('the spec is empty: write a JSON object { … }');
  });

  it('shows the line of the problem with a caret under it', () => {
    const error = syntax('{\n  "name": "x",\n  "seed": tru\n}');
    expect(error).toMatchObject({ line: 3, column: 11, excerpt: '  "seed": tru', caret: 10 });
  });
});

describe('spec text: where an issue sits', () => {
  const text = formatSpec({
    name: 'x',
    tasks: { suite: 'arithmetic', count: 10 },
    agents: { model: 'sim:default', temprature: 1 },
    teams: [{ structure: 'single' }, { structure: 'vote', sizes: [0, 5, 9], aggregate: 'majority' }],
  });

  it('reads issue paths as JSON paths', () => {
    expect(issuePath('teams[1].sizes[0]')).toEqual(['teams', 1, 'sizes', 0]);
    expect(issuePath('agents.temprature')).toEqual(['agents', 'temprature']);
    expect(issuePath('(root)')).toEqual([]);
  });

  it('underlines the value a path names', () => {
    expect(at(text, 'teams[1].sizes[0]')).toBe('0');
    expect(at(text, 'teams[1].sizes')).toBe('[0, 5, 9]');
    expect(at(text, 'tasks.count')).toBe('10');
  });

  it('underlines an unknown field by its name, and a missing one at the object that lacks it', () => {
    expect(at(text, 'agents.temprature', 'is not a known field (known fields: model, …)')).toBe('"temprature"');
    expect(at(text, 'tasks.seed', 'is required')).toBe('"tasks"');
    expect(at(text, 'teams[0].sizes', "is required (or list the team's agents)")).toBe('{ "structure": "single" }');
    // A missing top-level field: the first line of the spec.
    expect(at(text, 'description', 'is required')).toBe('{');
  });

  it('underlines an object or list that spans lines on its first line only', () => {
    const long = formatSpec({ teams: [{ structure: 'vote', label: 'a long label that makes this entry too wide for one line', sizes: [3, 5, 9, 15, 21] }] });
    expect(long).toContain('"teams": [\n');
    expect(at(long, 'teams')).toBe('"teams": [');
    expect(at(long, 'teams[0]')).toBe('{');
  });
});

describe('spec text: the grid, from the registry', () => {
  it('counts cells, trials, calls and messages with summarizeGrid', () => {
    const overview = specOverview(JSON.parse(quickstart));
    expect(overview).not.toBeNull();
    expect(overview?.grid).toMatchObject({ cells: 4, items: 40, repetitions: 2, trials: 320, calls: 1440, messages: 0 });
    expect(overview?.grid.perCell.map((c) => [c.label, c.size, c.calls, c.messages, c.rounds])).toEqual([
      ['single', 1, 1, 0, 1],
      ['vote (majority)', 3, 3, 0, 1],
      ['vote (majority)', 5, 5, 0, 1],
      ['vote (majority)', 9, 9, 0, 1],
    ]);
    const twoModels = { ...JSON.parse(quickstart), agents: { models: ['sim:default', 'sim:weak'] } };
    expect(specOverview(twoModels)).toMatchObject({ models: 2, grid: { cells: 8, trials: 640, calls: 2880 } });
  });

  it('counts every structure the registry knows, messages included', () => {
    const overview = specOverview({
      name: 'all',
      tasks: { suite: 'arithmetic', count: 10 },
      agents: { model: 'sim:default' },
      teams: [{ structure: 'debate', sizes: [3], rounds: 2, topology: 'full' }, { structure: 'leader-worker', workers: 3 }],
    });
    // Debate of 3, 2 rounds, full: 3 × 3 calls, 2 × 3 × 2 messages; leader–worker of 3: 5 calls, 6 messages.
    expect(overview?.grid.perCell.map((c) => [c.size, c.calls, c.messages, c.rounds])).toEqual([
      [3, 9, 12, 3],
      [4, 5, 6, 3],
    ]);
    expect(overview?.grid).toMatchObject({ trials: 20, calls: 140, messages: 180 });
  });

  it('is null for a spec the lab would refuse', () => {
    expect(specOverview({ name: 'x' })).toBeNull();
  });

  it('warns about even sizes under a majority rule, and only there', () => {
    const spec = valid({
      name: 'ties',
      tasks: { suite: 'arithmetic', count: 5 },
      agents: { model: 'sim:default' },
      teams: [
        { structure: 'vote', sizes: [3, 4, 6] },
        { structure: 'vote', sizes: [4], aggregate: 'plurality' },
        { structure: 'debate', sizes: 4, finalRule: 'majority', rounds: [1, 2] },
        { structure: 'debate', sizes: [4] },
        { structure: 'vote', agents: [{ count: 2 }], label: 'listed' },
      ],
    });
    const warnings = tieWarnings(spec);
    expect(warnings.map((w) => w.path)).toEqual(['teams[0].sizes[1]', 'teams[0].sizes[2]', 'teams[2].sizes', 'teams[4].agents']);
    expect(warnings[0]?.message).toBe('a majority vote of 4 can tie 2–2, and a tie gives no answer (graded wrong); an odd size avoids ties');
    expect(warnings[2]?.message).toContain('the final majority vote of 4 debaters can tie 2–2');
  });
});
