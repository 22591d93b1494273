/**
 * The reply format of a coding turn and its parser (docs/coding-teams.md).
 * An agent acts with tags anywhere in its reply:
 *
 *   <claim task="task-3"/>
 *   <write path="mean.js">
 *   export function mean(xs) { … }
 *   </write>
 *   <complete task="task-3"/>
 *   <run_tests tasks="task-3"/>        (no tasks: every test of the job)
 *   <assign task="task-5" to="2"/>     (the lead only)
 *
 * The parser is lenient where models drift and says what it could not read:
 * tag names in any case and the paper's names (claim_task, edit_file…),
 * quotes or none, `task`/`id` for the subtask, `<claim>task-3</claim>`, a
 * code fence around a file's content or around the whole reply, "repo/" or
 * "./" before a path. A write block left open, a tag missing what it needs
 * or an unknown action is reported back to the agent in words, never
 * guessed at.
 */

export type CodingAction =
  | { kind: 'claim'; task: string }
  | { kind: 'assign'; task: string; to: number }
  | { kind: 'write'; path: string; content: string }
  | { kind: 'complete'; task: string }
  /** `tasks` empty: every test of the job. */
  | { kind: 'run_tests'; tasks: string[] };

export type CodingActionKind = CodingAction['kind'];

export interface ParsedReply {
  /** In the order they appear in the reply. */
  actions: CodingAction[];
  /** What could not be read, in words the agent can act on. */
  problems: string[];
  /** The reply's words outside the actions, collapsed and cut (what teammates see of it). */
  note: string;
}

/** The order actions apply in, whatever order the reply wrote them in: give out and hold a subtask before writing it, write before completing, test last. */
export const APPLY_ORDER: readonly CodingActionKind[] = ['assign', 'claim', 'write', 'complete', 'run_tests'];

export const NOTE_CHARS = 240;

const WRITE_NAMES = ['write', 'write_file', 'edit_file', 'file'];
const SIMPLE_NAMES: Readonly<Record<string, Exclude<CodingActionKind, 'write'>>> = {
  claim: 'claim',
  claim_task: 'claim',
  complete: 'complete',
  complete_task: 'complete',
  done: 'complete',
  run_tests: 'run_tests',
  run_test: 'run_tests',
  test: 'run_tests',
  tests: 'run_tests',
  assign: 'assign',
  assign_task: 'assign',
};
/** Tags a model may use that are not actions here: named in the problem so it learns what exists. */
const KNOWN_ELSEWHERE = new Set(['read_file', 'delete_file', 'broadcast', 'message', 'send_message', 'request_status', 'synthesize', 'release', 'unclaim', 'lock', 'unlock']);

const ACTION_LIST = 'claim, write, complete, run_tests and assign';

const WRITE_OPEN = new RegExp(`<\\s*(${WRITE_NAMES.join('|')})\\b([^<>]*?)(/?)\\s*>`, 'gi');
const WRITE_CLOSE = new RegExp(`<\\s*/\\s*(?:${WRITE_NAMES.join('|')})\\s*>`, 'i');
const ANY_TAG = /<\s*(\/?)\s*([A-Za-z_][\w-]*)([^<>]*?)(\/?)\s*>/g;
const ATTRIBUTE = /([A-Za-z_][\w-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g;

function attributes(text: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of text.matchAll(ATTRIBUTE)) found.set(match[1]!.toLowerCase(), (match[2] ?? match[3] ?? match[4] ?? '').trim());
  return found;
}

function firstOf(attrs: Map<string, string>, names: readonly string[]): string | null {
  for (const name of names) {
    const value = attrs.get(name);
    if (value !== undefined && value !== '') return value;
  }
  return null;
}

/** A repository path as the team's files key it: "/"-separated, without "./", "/" or the paper's "repo/" in front. */
export function cleanRepoPath(raw: string): string {
  let path = raw.trim().replace(/^["'`]|["'`]$/g, '').replace(/\\/g, '/');
  for (;;) {
    const next = path.replace(/^\.\//, '').replace(/^\/+/, '').replace(/^repo\//, '');
    if (next === path) return path;
    path = next;
  }
}

/** A file's content without the code fence a model put around it, and without blank lines at either end. */
export function fileContent(raw: string): string {
  let text = raw.replace(/^\s*\n/, '').replace(/\n\s*$/, '');
  const fenced = /^\s*(`{3,}|~{3,})[^\n]*\n([\s\S]*?)\n?\s*\1\s*$/.exec(text);
  if (fenced) text = fenced[2]!;
  return text.endsWith('\n') ? text : `${text}\n`;
}

function agentNumber(raw: string): number | null {
  const digits = /(\d+)/.exec(raw)?.[1];
  return digits === undefined ? null : Number(digits);
}

function taskList(raw: string | null): string[] {
  if (raw === null) return [];
  return raw
    .split(/[\s,;]+/)
    .map((t) => t.trim())
    .filter((t) => t !== '' && t.toLowerCase() !== 'all');
}

interface Span {
  start: number;
  end: number;
}

/** Write blocks first: their content is opaque (it may hold anything, tags included). */
function parseWrites(text: string, found: Array<{ at: number; action: CodingAction }>, problems: string[]): Span[] {
  const spans: Span[] = [];
  WRITE_OPEN.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = WRITE_OPEN.exec(text)) !== null) {
    const openStart = match.index;
    const openEnd = openStart + match[0].length;
    const name = match[1]!.toLowerCase();
    const attrs = attributes(match[2] ?? '');
    const rawPath = firstOf(attrs, ['path', 'file', 'name', 'filename']);
    if (match[3] === '/') {
      problems.push(`<${name}${rawPath ? ` path="${rawPath}"` : ''}/> has no content: put the whole file between <write path="…"> and </write>.`);
      spans.push({ start: openStart, end: openEnd });
      continue;
    }
    const rest = text.slice(openEnd);
    const close = WRITE_CLOSE.exec(rest);
    WRITE_OPEN.lastIndex = openEnd;
    const nextOpen = WRITE_OPEN.exec(text);
    WRITE_OPEN.lastIndex = openEnd;
    const closeAt = close ? openEnd + close.index : -1;
    if (!close || (nextOpen && nextOpen.index < closeAt)) {
      const where = rawPath ? `"${cleanRepoPath(rawPath)}"` : 'the file';
      problems.push(`<${name}${rawPath ? ` path="${rawPath}"` : ''}> was never closed with </write>: nothing was written to ${where}. End every file with </write>${close ? '' : ' (a reply cut off by the token limit loses its last file)'}.`);
      spans.push({ start: openStart, end: openEnd });
      continue;
    }
    const end = closeAt + close[0].length;
    spans.push({ start: openStart, end });
    WRITE_OPEN.lastIndex = end;
    if (rawPath === null) {
      problems.push(`<${name}> needs the file's path, e.g. <write path="mean.js">…</write>; that block was skipped.`);
      continue;
    }
    const path = cleanRepoPath(rawPath);
    if (path === '' || path.split('/').includes('..')) {
      problems.push(`"${rawPath}" is not a path inside the repository; that block was skipped.`);
      continue;
    }
    found.push({ at: openStart, action: { kind: 'write', path, content: fileContent(text.slice(openEnd, closeAt)) } });
  }
  return spans;
}

function blank(text: string, spans: readonly Span[]): string {
  let out = text;
  for (const { start, end } of spans) out = out.slice(0, start) + ' '.repeat(end - start) + out.slice(end);
  return out;
}

/** Reads the actions out of a reply; never throws. */
export function parseReply(reply: string): ParsedReply {
  const found: Array<{ at: number; action: CodingAction }> = [];
  const problems: string[] = [];
  const writeSpans = parseWrites(reply, found, problems);
  const rest = blank(reply, writeSpans);
  const tagSpans: Span[] = [];
  ANY_TAG.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = ANY_TAG.exec(rest)) !== null) {
    const [whole, closing, rawName, rawAttrs, selfClosing] = match;
    const name = rawName!.toLowerCase();
    const kind = SIMPLE_NAMES[name];
    if (closing === '/') {
      if (kind || WRITE_NAMES.includes(name)) tagSpans.push({ start: match.index, end: match.index + whole.length });
      continue;
    }
    if (!kind) {
      if (KNOWN_ELSEWHERE.has(name) || ((rawAttrs ?? '').includes('=') && name.includes('_'))) {
        problems.push(`<${name}> is not an action here; the actions are ${ACTION_LIST}.`);
        tagSpans.push({ start: match.index, end: match.index + whole.length });
      }
      continue;
    }
    const attrs = attributes(rawAttrs ?? '');
    let end = match.index + whole.length;
    // <claim>task-3</claim>: the id between the tags.
    let inner: string | null = null;
    if (selfClosing !== '/') {
      const closer = new RegExp(`^([^<>]{0,80})<\\s*/\\s*${rawName}\\s*>`, 'i').exec(rest.slice(end));
      if (closer) {
        inner = closer[1]!.trim() || null;
        end += closer[0].length;
        ANY_TAG.lastIndex = end;
      }
    }
    tagSpans.push({ start: match.index, end });
    const task = firstOf(attrs, ['task', 'id', 'task_id', 'taskid', 'subtask']) ?? inner;
    switch (kind) {
      case 'claim':
      case 'complete':
        if (task === null) problems.push(`<${name}> needs the subtask's id, e.g. <${kind} task="task-3"/>; it was skipped.`);
        else found.push({ at: match.index, action: { kind, task } });
        break;
      case 'run_tests':
        found.push({ at: match.index, action: { kind, tasks: taskList(firstOf(attrs, ['tasks', 'task', 'ids', 'id', 'subtasks']) ?? inner) } });
        break;
      case 'assign': {
        const rawTo = firstOf(attrs, ['to', 'agent', 'assignee', 'worker', 'owner']);
        const to = rawTo === null ? null : agentNumber(rawTo);
        if (task === null || to === null) problems.push(`<${name}> needs the subtask and the agent, e.g. <assign task="task-5" to="2"/>; it was skipped.`);
        else found.push({ at: match.index, action: { kind, task, to } });
        break;
      }
    }
  }
  const note = blank(rest, tagSpans).replace(/```[\w-]*/g, ' ').replace(/\s+/g, ' ').trim();
  return {
    actions: found.sort((a, b) => a.at - b.at).map((f) => f.action),
    problems,
    note: note.length > NOTE_CHARS ? `${note.slice(0, NOTE_CHARS - 1)}…` : note,
  };
}

/** The actions in the order they apply (APPLY_ORDER; within a kind, as written). */
export function inApplyOrder(actions: readonly CodingAction[]): CodingAction[] {
  return APPLY_ORDER.flatMap((kind) => actions.filter((a) => a.kind === kind));
}
