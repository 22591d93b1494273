/**
 * Whether this computer can run a Python job's tests: python3 with pytest, and
 * which of the isolation tools the sandbox adds around it are there
 * (prlimit for memory and CPU limits, an unprivileged network namespace to
 * cut the network). Asked once per process.
 */
import { execFile } from 'node:child_process';

export interface HostPython {
  available: boolean;
  /** Why not, in words a user can act on (when not available). */
  reason?: string;
  python?: string;
  pythonVersion?: string;
  pytestVersion?: string;
  /** prlimit is there: address space and CPU time are limited. */
  prlimit: boolean;
  /** `unshare -rn` works: the tests run with no network. */
  noNetwork: boolean;
}

function succeeds(file: string, args: string[]): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: 15_000, windowsHide: true }, (error, stdout, stderr) => resolve({ ok: error === null, stdout: String(stdout), stderr: String(stderr) }));
  });
}

let probe: Promise<HostPython> | null = null;

/** python3 and pytest, looked for on PATH (QUORUM_PYTHON names another interpreter). */
export function findHostPython(): Promise<HostPython> {
  probe ??= (async () => {
    const python = process.env.QUORUM_PYTHON ?? 'python3';
    const [versions, prlimit, noNetwork] = await Promise.all([
      succeeds(python, ['-c', 'import sys, pytest; print(sys.version.split()[0]); print(pytest.__version__)']),
      succeeds('prlimit', ['--cpu=5', '--', 'true']),
      succeeds('unshare', ['-rn', 'true']),
    ]);
    const base = { python, prlimit: prlimit.ok, noNetwork: noNetwork.ok };
    if (!versions.ok) {
      const missing = /No module named '?pytest/.test(versions.stderr)
        ? `${python} has no pytest (install it with "${python} -m pip install pytest")`
        : `${python} was not found or does not run (install Python 3 and pytest, or set QUORUM_PYTHON to an interpreter that has pytest)`;
      return { ...base, available: false, reason: missing };
    }
    const [pythonVersion, pytestVersion] = versions.stdout.trim().split('\n');
    return { ...base, available: true, ...(pythonVersion ? { pythonVersion } : {}), ...(pytestVersion ? { pytestVersion } : {}) };
  })();
  return probe;
}
