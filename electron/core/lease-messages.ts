/** Says who holds an experiment, so "someone else runs it" names the process and what to do about it. */
import type { LeaseHolder } from './store/lease-repository';

export function describeHolder(holder: LeaseHolder | null, nowMs: number): string {
  if (!holder) return 'is being run by another Quorum process. Wait for it to finish, then try again.';
  const where = holder.process === 'elsewhere' ? `on ${holder.hostname ?? 'another machine'}` : 'on this machine';
  const who = holder.pid !== null ? `process ${holder.pid} ${where}` : `a process ${where}`;
  const ago = holder.heartbeatAtMs !== null ? `, last heartbeat ${Math.max(0, Math.round((nowMs - holder.heartbeatAtMs) / 1000))} s ago` : '';
  switch (holder.process) {
    case 'alive':
      return `is being run by ${who}${ago} (the desktop app or a CLI run). Wait for it to finish, or stop it (kill ${holder.pid}), then resume it here.`;
    case 'zombie':
      return `is held by ${who}, which has exited but not been reaped (a zombie)${ago}. Its lease is released now; try again.`;
    case 'gone':
      return `was held by ${who}, which no longer runs${ago}. Its lease is released now; try again.`;
    case 'elsewhere':
      return `is being run by ${who}${ago}. Wait for it to finish; if that machine is off, the lease expires 15 s after its last heartbeat.`;
  }
}
