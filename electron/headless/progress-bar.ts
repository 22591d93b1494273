/** A progress bar on stderr: redrawn in place on a terminal, a line every few seconds otherwise. */
import type { Progress } from '../../shared/domain/results';

export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  if (seconds < 1) return '<1 s';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

export function formatProgressLine(p: Progress, width = 30): string {
  const finished = p.done + p.failed;
  const fraction = p.total > 0 ? finished / p.total : 1;
  const filled = Math.round(fraction * width);
  const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
  const failed = p.failed > 0 ? ` · ${p.failed} failed` : '';
  return `${bar} ${finished}/${p.total} ${(fraction * 100).toFixed(0)}% · ${p.ratePerSecond.toFixed(1)} trials/s · ETA ${formatDuration(p.etaSeconds)}${failed}`;
}

export class ProgressBar {
  private lastLineAt = 0;
  private lastFinished = -1;
  private drawn = false;

  constructor(private readonly out: NodeJS.WriteStream) {}

  update(progress: Progress): void {
    const line = formatProgressLine(progress);
    if (this.out.isTTY) {
      this.out.write(`\r\x1b[2K${line}`);
      this.drawn = true;
      return;
    }
    const now = Date.now();
    const count = progress.done + progress.failed;
    if (count === this.lastFinished) return;
    if (now - this.lastLineAt >= 2000 || count === progress.total) {
      this.out.write(line + '\n');
      this.lastLineAt = now;
      this.lastFinished = count;
    }
  }

  note(message: string): void {
    this.out.write(`${this.drawn ? '\n' : ''}${message}\n`);
    this.drawn = false;
  }

  finish(): void {
    if (this.drawn) this.out.write('\n');
    this.drawn = false;
  }
}
