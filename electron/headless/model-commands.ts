/** The CLI's model verbs: models, pull, delete, calibrate. */
import type { LabHandle } from '../core/create-lab';
import { LabFailure } from '../core/lab-errors';
import { formatDuration } from './progress-bar';
import { printable } from './terminal-text';

export function requireName(rest: string[]): string {
  if (!rest[0]) throw new LabFailure('invalid_request', 'Give a model name, e.g. qwen2.5:0.5b.');
  return rest[0];
}

export function parseStreams(value: string | undefined): number {
  if (value === undefined) return 4;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 16) throw new LabFailure('invalid_request', `--streams must be a whole number from 1 to 16, got "${value}".`);
  return n;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value >= 100 ? 0 : 1)} ${units[unit]}`;
}

export async function showModels(handle: LabHandle, host: string | undefined, json: boolean): Promise<number> {
  const models = await handle.lab.listModels(host ? { host } : {});
  if (json) {
    process.stdout.write(JSON.stringify(models, null, 2) + '\n');
    return 0;
  }
  const h = models.host;
  process.stdout.write(`Host ${printable(h.url)}: ${h.status}${h.version ? `, Ollama ${printable(h.version)}` : ''}, ${h.slots} slot${h.slots === 1 ? '' : 's'} in use by Quorum\n\n`);
  if (models.installed.length === 0) process.stdout.write('No models installed. Try: npm run lab -- pull qwen2.5:0.5b\n');
  const rows = models.installed.map((m) => [m.name, formatBytes(m.sizeBytes), m.family ?? '—', m.parameterSize ?? '—', m.quantization ?? '—', m.contextLength ? String(m.contextLength) : '—']);
  table(['installed', 'size', 'family', 'params', 'quant', 'context'], rows);
  process.stdout.write('\n');
  if (models.loaded.length === 0) process.stdout.write('Nothing loaded in memory right now.\n');
  else table(['loaded', 'size', 'in VRAM', 'context', 'unloads at'], models.loaded.map((m) => [m.name, formatBytes(m.sizeBytes), formatBytes(m.sizeVramBytes), m.contextLength ? String(m.contextLength) : '—', m.expiresAt ?? '—']));
  return 0;
}

export async function pull(handle: LabHandle, name: string, host: string | undefined): Promise<number> {
  const { lab } = handle;
  const started = await lab.pullModel(host ? { name, host } : { name });
  const tty = process.stderr.isTTY;
  const unsubscribe = lab.events.subscribe((event) => {
    if (event.type !== 'pullProgress' || event.payload.pullId !== started.pullId) return;
    const p = event.payload;
    const pct = p.totalBytes > 0 ? ` ${((p.completedBytes / p.totalBytes) * 100).toFixed(0)}% of ${formatBytes(p.totalBytes)}` : '';
    const eta = p.bytesPerSecond > 0 && p.totalBytes > 0 ? ` · ETA ${formatDuration((p.totalBytes - p.completedBytes) / p.bytesPerSecond)}` : '';
    const line = `${name}: ${p.status}${pct}${p.bytesPerSecond > 0 ? ` · ${formatBytes(p.bytesPerSecond)}/s` : ''}${eta}`;
    process.stderr.write(tty ? `\r\x1b[2K${line}` : `${line}\n`);
  });
  const onSigint = () => void lab.cancelPull({ pullId: started.pullId });
  process.once('SIGINT', onSigint);
  const final = await lab.waitForPull(started.pullId);
  process.off('SIGINT', onSigint);
  unsubscribe();
  if (tty) process.stderr.write('\n');
  if (final.state === 'done') {
    process.stdout.write(`Pulled ${name} on ${final.host}.\n`);
    return 0;
  }
  process.stderr.write(final.state === 'cancelled' ? 'Pull cancelled; run the same command to continue where it stopped.\n' : `${final.error}\n`);
  return 1;
}

export async function deleteModel(handle: LabHandle, name: string, host: string | undefined, confirmed: boolean): Promise<number> {
  if (!confirmed) {
    process.stderr.write(`This removes ${name} from Ollama's disk. Run again with --yes to confirm.\n`);
    return 2;
  }
  const result = await handle.lab.deleteModel(host ? { name, host, confirm: true } : { name, confirm: true });
  process.stdout.write(`Deleted ${result.deleted} on ${result.host}.\n`);
  return 0;
}

export async function calibrate(handle: LabHandle, model: string, host: string | undefined, maxStreams: number): Promise<number> {
  const unsubscribe = handle.lab.events.subscribe((event) => {
    if (event.type === 'calibrationProgress') process.stderr.write(`measuring ${event.payload.streams}/${event.payload.maxStreams} concurrent streams…\n`);
  });
  try {
    const profile = await handle.lab.calibrate(host ? { model, host, maxStreams } : { model, maxStreams });
    table(
      ['streams', 'tok/s per stream', 'tok/s total', 'prompt tok/s'],
      profile.points.map((p) => [String(p.streams), p.tokensPerSecondPerStream.toFixed(1), p.totalTokensPerSecond.toFixed(1), p.promptTokensPerSecond.toFixed(0)]),
    );
    process.stdout.write(`\nSaved as calibration ${profile.id} for ${profile.model} on ${profile.host}. If tok/s total stops growing past 1 stream, raise OLLAMA_NUM_PARALLEL on the server.\n`);
    return 0;
  } finally {
    unsubscribe();
  }
}

/** Cells come from the server (model names, versions): printed as `printable` text. */
function table(header: string[], untrusted: string[][]): void {
  const rows = untrusted.map((row) => row.map(printable));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  process.stdout.write([line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n');
}
