/**
 * The words of a sim coding turn: a short sentence for each teammate's news
 * it read (so a larger team costs each reply more tokens, as keeping track
 * of others does), a sentence of plan, a line on each subtask it writes,
 * then the actions in the tag format real models are asked for
 * (teams/coding/actions.ts). A file's content is fenced as code with
 * probability 1 − formatCompliance, as models often do inside a tag; the
 * parser takes the fence off.
 */
import type { CodingJob } from '../../../../shared/domain/jobs';
import type { Rng } from '../../util/random';
import type { CodingTurnPlan } from './coding-turn';

const FENCE_LANGUAGE: Readonly<Record<CodingJob['language'], string>> = { javascript: 'js', python: 'python' };

function list(ids: readonly string[]): string {
  return ids.length <= 1 ? (ids[0] ?? '') : `${ids.slice(0, -1).join(', ')} and ${ids[ids.length - 1]}`;
}

/** What the agent says of a teammate's latest turn: what it finished, else what it is writing, else that it is idle. */
export function teammateSentence(update: CodingTurnPlan['seen'][number]): string {
  const ids = (verb: string) => update.lines.filter((line) => line.startsWith(`${verb} `)).map((line) => line.slice(verb.length + 1));
  const completed = ids('completed');
  if (completed.length > 0) return `Agent ${update.agent} completed ${list(completed)}.`;
  const wrote = ids('wrote');
  if (wrote.length > 0) return `Agent ${update.agent} is writing ${list(wrote)}.`;
  return `Agent ${update.agent} is idle.`;
}

export function composeCodingReply(plan: CodingTurnPlan, language: CodingJob['language'], formatCompliance: number, rng: Rng): string {
  const lines: string[] = [];
  for (const update of plan.seen) lines.push(teammateSentence(update));
  if (plan.idle !== null) {
    lines.push(plan.idle);
    return lines.join('\n');
  }
  if (plan.assigns.length > 0) {
    lines.push(`Assigning ${list(plan.assigns.map((a) => `${a.task} to agent ${a.to}`))}.`);
    for (const a of plan.assigns) lines.push(`<assign task="${a.task}" to="${a.to}"/>`);
  }
  const fixes = plan.writes.filter((w) => w.fix).map((w) => w.task);
  const fresh = plan.writes.filter((w) => !w.fix).map((w) => w.task);
  if (fixes.length > 0) lines.push(`The tests of ${list(fixes)} failed; rewriting ${fixes.length === 1 ? 'it' : 'them'}.`);
  if (fresh.length > 0) lines.push(`Working on ${list(fresh)}.`);
  for (const id of plan.claims) lines.push(`<claim task="${id}"/>`);
  for (const write of plan.writes) {
    lines.push(`${write.task}: ${write.title}${write.uses.length > 0 ? `, building on ${list(write.uses)}` : ''}.`);
    for (const file of write.files) {
      const fenced = rng.next() >= formatCompliance;
      const body = file.content.endsWith('\n') ? file.content : `${file.content}\n`;
      lines.push(`<write path="${file.path}">`, ...(fenced ? [`\`\`\`${FENCE_LANGUAGE[language]}`] : []), body.trimEnd(), ...(fenced ? ['```'] : []), '</write>');
    }
  }
  for (const id of plan.completes) lines.push(`<complete task="${id}"/>`);
  if (plan.tests.length > 0) lines.push(`<run_tests tasks="${plan.tests.join(',')}"/>`);
  return lines.join('\n');
}
