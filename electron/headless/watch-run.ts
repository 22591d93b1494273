/**
 * Starts an experiment and follows it to the end with a progress bar on
 * stderr; Ctrl-C pauses it (trials in flight finish and are saved), a second
 * Ctrl-C quits at once. Shared by run, resume, recommend and verify.
 */
import type { Progress } from '../../shared/domain/results';
import type { Lab } from '../core/lab';
import { ProgressBar } from './progress-bar';

export async function watchRun(lab: Lab, id: string, retryFailed = false): Promise<Progress> {
  const bar = new ProgressBar(process.stderr);
  const unsubscribe = lab.events.subscribe((event) => {
    if (event.type === 'progress' && event.payload.experimentId === id) bar.update(event.payload);
  });
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    bar.note('Stopping: letting trials in flight finish and saving them (Ctrl-C again to quit at once)…');
    void lab.pauseExperiment({ id });
  };
  process.on('SIGINT', onSigint);
  try {
    bar.update(await lab.startExperiment(retryFailed ? { id, retryFailed } : { id }));
    await lab.waitFor(id);
  } finally {
    process.off('SIGINT', onSigint);
    unsubscribe();
    bar.finish();
  }
  return lab.getProgress({ id });
}
