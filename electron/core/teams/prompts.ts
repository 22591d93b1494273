/** The prompts Quorum's own structures send. Kept in one place so they are easy to audit. */
import type { ChatMessage } from '../backends/types';
import type { AgentSpec } from '../../../shared/domain/spec';
import type { TaskItem } from '../tasks/types';

const DEFAULT_SYSTEM = 'You are a careful problem solver. Work step by step, then give the final answer on its own line as "Answer: <answer>".';

export function soloPrompt(agents: AgentSpec, item: TaskItem): ChatMessage[] {
  return [
    { role: 'system', content: agents.system ?? DEFAULT_SYSTEM },
    { role: 'user', content: item.prompt },
  ];
}
