/**
 * Runs one trial: a team structure meets one task item. Every call, message
 * and answer is recorded in memory and handed back as one TrialOutcome, which
 * the store writes in a single transaction (so a crash never leaves half a
 * trial behind).
 */
import type { AgentSpec, CellSpec, ExperimentSpec } from '../../../shared/domain/spec';
import { criticalPathMs } from '../analysis/critical-path';
import type { BackendRegistry } from '../backends/registry';
import type { CallRoute, ModelOptions } from '../backends/types';
import { defaultHostUrl } from '../backends/ollama/host';
import type { TaskItem, TaskSuite } from '../tasks/types';
import { getStructure } from '../teams';
import type { AgentCall, AgentReply, TeamContext } from '../teams/types';
import type { AgentAnswer, CallRecord, MessageRecord, TrialOutcome } from '../trial-record';
import { deriveSeed } from '../util/random';

/** What every call of an experiment shares besides the prompt: where it may go and the runner options. */
export interface CallSettings {
  experimentId?: string;
  route?: CallRoute;
  options: ModelOptions;
  timeoutMs: number;
}

/** Which call a streamed piece of reply belongs to. */
export interface StreamingCall {
  seq: number;
  agentIndex: number;
  model: string;
}

export interface TrialStreamHooks {
  onDelta(call: StreamingCall, text: string): void;
  onCallEnd(call: StreamingCall): void;
}

export interface TrialInput {
  stream?: TrialStreamHooks;
  item: TaskItem;
  suite: TaskSuite;
  cell: CellSpec;
  agents: AgentSpec;
  settings: CallSettings;
  seed: number;
}

export function callSettingsFor(spec: ExperimentSpec, experimentId?: string): CallSettings {
  const a = spec.agents;
  const hosts = a.host ? [a.host] : (spec.hosts?.map((h) => h.url ?? defaultHostUrl()) ?? []);
  const route = routeFor(hosts, spec.openai);
  return {
    ...(experimentId ? { experimentId } : {}),
    ...(route ? { route } : {}),
    options: {
      ...(a.topP !== undefined ? { topP: a.topP } : {}),
      ...(a.numCtx !== undefined ? { numCtx: a.numCtx } : {}),
      ...(a.stop !== undefined ? { stop: a.stop } : {}),
      ...(a.keepAlive !== undefined ? { keepAlive: a.keepAlive } : {}),
    },
    timeoutMs: a.timeoutSeconds * 1000,
  };
}

/** The experiment's own servers ride on every call: a backend holds no server set by whichever experiment started last. */
function routeFor(hosts: string[], openai: ExperimentSpec['openai']): CallRoute | undefined {
  if (hosts.length === 0 && !openai) return undefined;
  return {
    ...(hosts.length > 0 ? { hosts } : {}),
    ...(openai
      ? { openai: { baseUrl: openai.baseUrl, slots: openai.slots, ...(openai.apiKeyEnv !== undefined ? { apiKeyEnv: openai.apiKeyEnv } : {}) } }
      : {}),
  };
}

export async function runTrial(input: TrialInput, backends: BackendRegistry, signal: AbortSignal): Promise<TrialOutcome> {
  const startedAtMs = Date.now();
  const calls: CallRecord[] = [];
  const messages: MessageRecord[] = [];
  const answers: AgentAnswer[] = [];
  let finalAnswer: string | null = null;
  let nextCallSeq = 0;
  const broadcasts = new Set<string>();

  const addMessage = (m: Omit<MessageRecord, 'seq'>) => messages.push({ seq: messages.length, ...m });

  const context: TeamContext = {
    item: input.item,
    suite: input.suite,
    cell: input.cell,
    agents: input.agents,
    signal,
    async callAgent(call: AgentCall): Promise<AgentReply> {
      // seq is taken before the first await, so it follows the order in which
      // the structure asked, not the order in which replies come back.
      const seq = nextCallSeq++;
      const model = input.cell.model;
      for (const message of call.messages) {
        // What the orchestrator sends every agent alike (the system prompt, the task) is one
        // broadcast message (to_agent NULL), recorded once per trial rather than once per call.
        const kind = message.role === 'system' ? 'system' : 'prompt';
        const key = `${kind}\u0000${message.content}`;
        if (call.broadcast !== false || kind === 'system') {
          if (!broadcasts.has(key)) {
            broadcasts.add(key);
            addMessage({ fromAgent: null, toAgent: null, kind, content: message.content, callSeq: null });
          }
          continue;
        }
        addMessage({ fromAgent: null, toAgent: call.agentIndex, kind, content: message.content, callSeq: seq });
      }
      const started = Date.now();
      const backend = backends.forModel(model);
      const streaming: StreamingCall = { seq, agentIndex: call.agentIndex, model };
      const stream = input.stream;
      const result = await backend.call(
        {
          model,
          messages: call.messages,
          temperature: input.agents.temperature,
          maxTokens: input.agents.maxTokens,
          seed: deriveSeed(input.seed, 'call', seq),
          oracle: { item: input.item, agentIndex: call.agentIndex },
          ...(input.settings.route ? { route: input.settings.route } : {}),
          options: input.settings.options,
          timeoutMs: input.settings.timeoutMs,
          ...(input.settings.experimentId ? { experimentId: input.settings.experimentId } : {}),
          ...(stream ? { onDelta: (text: string) => stream.onDelta(streaming, text) } : {}),
        },
        signal,
      ).finally(() => stream?.onCallEnd(streaming));
      const ended = Date.now();
      const latencyMs = result.loadMs + result.promptMs + result.genMs;
      calls.push({
        seq,
        agentIndex: call.agentIndex,
        role: call.role,
        model,
        host: result.host,
        status: 'ok',
        error: null,
        doneReason: result.doneReason,
        tokensIn: result.tokensIn,
        tokensOut: result.tokensOut,
        queueMs: result.queueMs,
        loadMs: result.loadMs,
        promptMs: result.promptMs,
        genMs: result.genMs,
        latencyMs,
        startedAtMs: started,
        endedAtMs: ended,
        simulated: result.simulated,
        consumes: call.consumes,
        retries: result.retries ?? [],
      });
      addMessage({ fromAgent: call.agentIndex, toAgent: null, kind: 'reply', content: result.text, callSeq: seq });
      // A reply cut by the token limit is not a complete answer: never grade it as one.
      const answer = result.doneReason === 'length' ? null : input.suite.extract(result.text);
      answers.push({ agentIndex: call.agentIndex, callSeq: seq, extracted: answer, correct: input.suite.grade(input.item, answer) });
      return { seq, agentIndex: call.agentIndex, text: result.text, answer, ok: true };
    },
    decide(answer, explanation, consumes) {
      finalAnswer = answer;
      addMessage({
        fromAgent: null,
        toAgent: null,
        kind: 'decision',
        content: `${answer === null ? 'no answer' : `answer ${answer}`} (${explanation}; from calls ${consumes.join(', ') || 'none'})`,
        callSeq: null,
      });
    },
  };

  await getStructure(input.cell.structure).run(context);
  const finishedAtMs = Date.now();
  calls.sort((a, b) => a.seq - b.seq);
  answers.sort((a, b) => a.callSeq - b.callSeq);
  return {
    finalAnswer,
    correct: input.suite.grade(input.item, finalAnswer),
    wallMs: finishedAtMs - startedAtMs,
    criticalPathMs: criticalPathMs(calls),
    tokensIn: calls.reduce((sum, c) => sum + c.tokensIn, 0),
    tokensOut: calls.reduce((sum, c) => sum + c.tokensOut, 0),
    startedAtMs,
    finishedAtMs,
    calls,
    messages,
    answers,
  };
}
