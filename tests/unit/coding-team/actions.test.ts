/**
 * The coding team's reply parser on replies the way models write them:
 * prose around the actions, code fences inside and around tags, the paper's
 * tag names, sloppy quoting, a reply cut off by the token limit. What it
 * cannot read is told to the agent in words, never guessed at.
 */
import { describe, expect, it } from 'vitest';
import { cleanRepoPath, fileContent, inApplyOrder, parseReply } from '../../../electron/core/teams/coding/actions';

describe('parsing a coding turn', () => {
  it('reads a careful model\'s reply: claim, a fenced file, complete, tests', () => {
    const reply = [
      'I will take task-3 now that task-2 is done.',
      '',
      '<claim task="task-3"/>',
      '<write path="mean.js">',
      '```javascript',
      "import { sumOf } from './sumOf.js';",
      '',
      'export function mean(values) {',
      '  return sumOf(values) / values.length;',
      '}',
      '```',
      '</write>',
      '<complete task="task-3"/>',
      '<run_tests tasks="task-3"/>',
      'Next I will look at task-4.',
    ].join('\n');
    const parsed = parseReply(reply);
    expect(parsed.problems).toEqual([]);
    expect(parsed.actions).toEqual([
      { kind: 'claim', task: 'task-3' },
      { kind: 'write', path: 'mean.js', content: "import { sumOf } from './sumOf.js';\n\nexport function mean(values) {\n  return sumOf(values) / values.length;\n}\n" },
      { kind: 'complete', task: 'task-3' },
      { kind: 'run_tests', tasks: ['task-3'] },
    ]);
    expect(parsed.note).toBe('I will take task-3 now that task-2 is done. Next I will look at task-4.');
  });

  it('reads a whole reply wrapped in a code fence, the paper\'s tag names, single quotes, bare values and "repo/" paths', () => {
    const reply = [
      '```xml',
      "<claim_task id='task-7'></claim_task>",
      '<edit_file path=repo/scale.js>',
      'export function scale(x) { return x * 7; }',
      '</edit_file>',
      '<complete_task id=task-7 />',
      '<RUN_TESTS/>',
      '```',
    ].join('\n');
    const parsed = parseReply(reply);
    expect(parsed.problems).toEqual([]);
    expect(parsed.actions).toEqual([
      { kind: 'claim', task: 'task-7' },
      { kind: 'write', path: 'scale.js', content: 'export function scale(x) { return x * 7; }\n' },
      { kind: 'complete', task: 'task-7' },
      { kind: 'run_tests', tasks: [] },
    ]);
  });

  it('takes the id between the tags, several tests at once, and a lead\'s assignment to "agent 2"', () => {
    const parsed = parseReply('<claim>task-4</claim> <run_tests tasks="task-1, task-2 task-3"/> <assign task="task-9" to="agent 2"/>');
    expect(parsed.actions).toEqual([
      { kind: 'claim', task: 'task-4' },
      { kind: 'run_tests', tasks: ['task-1', 'task-2', 'task-3'] },
      { kind: 'assign', task: 'task-9', to: 2 },
    ]);
  });

  it('keeps tags inside a file\'s content as content, not actions', () => {
    const parsed = parseReply('<write path="render.js">\nexport const tag = "<complete task=\\"task-1\\"/>";\n</write>');
    expect(parsed.actions).toEqual([{ kind: 'write', path: 'render.js', content: 'export const tag = "<complete task=\\"task-1\\"/>";\n' }]);
  });

  it('reports a file the token limit cut off, and writes nothing of it', () => {
    const parsed = parseReply('<claim task="task-2"/>\n<write path="safe.js">\nexport function safe(a, b) {\n  if (typeof a !== ');
    expect(parsed.actions).toEqual([{ kind: 'claim', task: 'task-2' }]);
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]).toMatch(/never closed with <\/write>: nothing was written to "safe.js".*token limit/);
  });

  it('reports a block left open before the next file rather than merging the two', () => {
    const parsed = parseReply('<write path="a.js">\nexport const a = 1;\n<write path="b.js">\nexport const b = 2;\n</write>');
    expect(parsed.actions).toEqual([{ kind: 'write', path: 'b.js', content: 'export const b = 2;\n' }]);
    expect(parsed.problems[0]).toMatch(/<write path="a.js"> was never closed/);
  });

  it('says what a tag is missing, and names the actions when one is unknown', () => {
    const parsed = parseReply('<claim/> <write>x</write> <assign task="task-2"/> <read_file path="a.js"/> <write path="../etc/passwd">x</write>');
    expect(parsed.actions).toEqual([]);
    expect(parsed.problems).toEqual([
      '<write> needs the file\'s path, e.g. <write path="mean.js">…</write>; that block was skipped.',
      '"../etc/passwd" is not a path inside the repository; that block was skipped.',
      '<claim> needs the subtask\'s id, e.g. <claim task="task-3"/>; it was skipped.',
      '<assign> needs the subtask and the agent, e.g. <assign task="task-5" to="2"/>; it was skipped.',
      '<read_file> is not an action here; the actions are claim, write, complete, run_tests and assign.',
    ]);
  });

  it('leaves prose with angle brackets alone', () => {
    const parsed = parseReply('Since a < b and Map<string, number> is fine, nothing to do this turn.');
    expect(parsed).toEqual({ actions: [], problems: [], note: 'Since a < b and Map<string, number> is fine, nothing to do this turn.' });
  });

  it('applies actions in the documented order whatever order they were written in', () => {
    const parsed = parseReply('<run_tests/><complete task="task-1"/><write path="a.js">x</write><claim task="task-1"/><assign task="task-2" to="1"/>');
    expect(inApplyOrder(parsed.actions).map((a) => a.kind)).toEqual(['assign', 'claim', 'write', 'complete', 'run_tests']);
  });
});

describe('paths and contents', () => {
  it('cleans paths the way models write them', () => {
    expect(cleanRepoPath('./repo/mean.js')).toBe('mean.js');
    expect(cleanRepoPath('/lib\\util.js')).toBe('lib/util.js');
    expect(cleanRepoPath('"mean.js"')).toBe('mean.js');
  });

  it('takes a fence off a file and ends it with a newline', () => {
    expect(fileContent('\n~~~js\nconst a = 1;\n~~~\n')).toBe('const a = 1;\n');
    expect(fileContent('const a = 1;')).toBe('const a = 1;\n');
  });
});
