/** `lab serve` needs the built renderer; on a fresh checkout it builds it once. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export async function ensureRendererBuilt(appRoot: string, log: (line: string) => void): Promise<string> {
  const rendererDir = join(appRoot, 'out', 'renderer');
  if (existsSync(join(rendererDir, 'index.html'))) return rendererDir;
  log('Building the renderer (first run only; "npm run build" rebuilds it)…');
  const cli = join(appRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'build'], { cwd: appRoot, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`Building the renderer failed (exit ${code}). Run "npm run build" to see why.`))));
  });
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error(`The build finished but ${rendererDir} has no index.html.`);
  return rendererDir;
}
