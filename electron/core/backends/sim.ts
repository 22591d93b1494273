/**
 * The sim backend: a documented statistical agent instead of a language model.
 *
 * It reads the call's typed intent (never the prompt): the item, and for
 * intents beyond solving one's own answer, the peers' answers, the candidates
 * or the parts. Whether it answers right falls with the item's shared
 * `hardness` and the model's blind spot on it (so agents err on the same
 * items); a wrong answer is often the model's favourite on the item (so wrong
 * answers coincide); revising, judging, critiquing and combining follow the
 * profile's behavioural parameters (sim/behaviour.ts, sim/parts.ts). It then
 * writes a prose reply and draws token counts and timings. Every draw is a
 * pure function of the request: the same request always gives the same result.
 * docs/sim-backend.md gives every formula and the profile table.
 */
import type { Intent } from '../engine/intents';
import { createRng, deriveSeed, type Rng } from '../util/random';
import { act } from './sim/behaviour';
import { codingIntentKey, codingTurnReply } from './sim/coding';
import type { SimContext } from './sim/context';
import { coupledRng, samplingDiversity } from './sim/draws';
import { composeSplit, leadSentence } from './sim/frames';
import { itemView } from './sim/item-model';
import { SIM_KIND, simProfileFor, type SimProfile } from './sim/profiles';
import { answerKindOf, composeReply } from './sim-replies';
import { abortError, type CallRequest, type CallResult, type CallRoute, type ModelBackend } from './types';

export { SIM_PROFILES, simProfileFor, type SimProfile, type SimProfileName } from './sim/profiles';

export interface SimBackendOptions {
  /** Wait the drawn latency before resolving (default false: report it without sleeping). */
  realTime?: boolean;
  /** Multiplies the waited time in real-time mode, e.g. 0.01 to run a demo 100× faster (default 1). */
  timeScale?: number;
}

const CHARS_PER_TOKEN = 4;

/**
 * What the request says besides the item, as a key: agents of one model that
 * send equal intents share the draws of a deterministic (greedy) reply. The
 * confidence request is left out so that asking for it never changes the answer.
 */
function intentKey(intent: Intent): string {
  const { item: _item, adversary, ...rest } = intent;
  // A Byzantine agent's calls draw apart from honest agents' equal requests.
  if (adversary) return JSON.stringify(['adversary', adversary.answer, intentKey({ ...rest, item: intent.item } as Intent)]);
  if (rest.kind === 'solve') return 'solve';
  const sorted = (answers: ReadonlyArray<{ answer: string | null }>) => answers.map((a) => a.answer ?? '').sort();
  switch (rest.kind) {
    case 'revise':
      return JSON.stringify([rest.kind, rest.own, sorted(rest.peers)]);
    case 'refine':
      return JSON.stringify([rest.kind, rest.own, sorted(rest.critiques)]);
    case 'judge':
    case 'aggregate':
      return JSON.stringify([rest.kind, sorted(rest.candidates)]);
    case 'code_turn':
      return codingIntentKey(rest.view);
    default:
      return JSON.stringify(rest);
  }
}

/** The reply's words: what the agent decided, dressed as prose. `identity` is the model it draws as. */
function replyText(request: CallRequest, profile: SimProfile, identity: string): string {
  const intent = request.intent;
  const ownSeed = deriveSeed(request.seed, SIM_KIND, identity, request.agentIndex ?? -1);
  if (!intent) {
    // Without an intent there is nothing to know the answer by, and the sim never reads a prompt: a number, in the usual prose.
    const rng = createRng(ownSeed);
    const claimed = String(rng.int(0, 100));
    return composeReply({ claimed, steps: 2, garbled: rng.next() < profile.garbleRate, formatCompliance: profile.formatCompliance }, rng);
  }
  const item = intent.item;
  const sharedSeed = deriveSeed('sim-greedy', identity, item.suite, item.prompt, intentKey(intent));
  const rng = coupledRng(sharedSeed, ownSeed, samplingDiversity(request.temperature, profile.deterministicAtZeroTemperature));
  if (intent.kind === 'code_turn') return codingTurnReply(intent, profile, rng);
  const context: SimContext = {
    item,
    view: itemView(identity, profile, item),
    profile,
    rng,
    noiseSd: profile.callNoiseSd + profile.temperatureNoiseSd * Math.max(0, request.temperature),
  };
  const decided = act(intent, context);
  if (decided.kind === 'split') return composeSplit(decided.parts, decided.named, rng, item);
  return composeReply(
    {
      claimed: decided.claimed,
      steps: decided.steps,
      garbled: decided.garbled,
      formatCompliance: profile.formatCompliance,
      lead: leadSentence(decided.frame, decided.credit, rng),
      confidence: decided.confidence,
      answerKind: answerKindOf(item),
    },
    rng,
  );
}

/** Mean-one lognormal factor: exp(σ·N − σ²/2). */
function jitter(sd: number, rng: Rng): number {
  return Math.exp(sd * rng.normal() - (sd * sd) / 2);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortError());
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export class SimBackend implements ModelBackend {
  readonly kind = SIM_KIND;
  /** Without real time, calls complete at once and report the service time they drew. */
  readonly virtualTime: boolean;
  private readonly realTime: boolean;
  private readonly timeScale: number;

  constructor(options: SimBackendOptions = {}) {
    this.realTime = options.realTime ?? false;
    this.virtualTime = !this.realTime;
    this.timeScale = options.timeScale ?? 1;
    if (!(this.timeScale >= 0) || !Number.isFinite(this.timeScale)) {
      throw new RangeError(`timeScale must be a finite number ≥ 0, got ${options.timeScale}`);
    }
  }

  async check(model: string, route?: CallRoute): Promise<void> {
    simProfileFor(model, route);
  }

  async call(request: CallRequest, signal: AbortSignal): Promise<CallResult> {
    if (signal.aborted) throw abortError();
    const profile = simProfileFor(request.model, request.route);
    // Every draw is keyed by the model it draws as: its own name, or the model a spec pairs it with.
    const identity = profile.drawsAs ?? request.model;
    let text = replyText(request, profile, identity);

    // Service time is the server's, not the model's choice: its own stream, the same at any temperature.
    const rng = createRng(deriveSeed(request.seed, 'sim-time', identity, request.agentIndex ?? -1));
    const promptChars = request.messages.reduce((sum, m) => sum + m.content.length, 0);
    const tokensIn = Math.max(1, Math.ceil(promptChars / CHARS_PER_TOKEN));
    // Tokenisers vary around four characters a token; draw this reply's ratio.
    const charsPerToken = CHARS_PER_TOKEN * jitter(0.1, rng);
    let tokensOut = Math.max(1, Math.round(text.length / charsPerToken));
    let doneReason: CallResult['doneReason'] = 'stop';
    if (tokensOut > request.maxTokens) {
      tokensOut = Math.max(0, request.maxTokens);
      text = text.slice(0, Math.floor(tokensOut * charsPerToken));
      doneReason = 'length';
    }
    const promptMs = (tokensIn / profile.promptTokensPerSecond) * 1000 * jitter(profile.latencySd, rng);
    const genMs = (tokensOut / profile.genTokensPerSecond) * 1000 * jitter(profile.latencySd, rng);

    if (this.realTime) await sleep((promptMs + genMs) * this.timeScale, signal);
    return { text, tokensIn, tokensOut, queueMs: 0, loadMs: 0, promptMs, genMs, host: SIM_KIND, doneReason, simulated: true };
  }
}
