import { startOllamaTestServer } from '/work/main/tests/fixtures/ollama';
import { spawnSync } from 'node:child_process';
const s = await startOllamaTestServer({ timeScale: 0.01, pullBytesPerSecond: 2_000_000_000 });
const r = spawnSync(process.execPath, ['--import','tsx','electron/headless/cli.ts','pull','tinyllama','--db','/tmp/dbg/p.sqlite'], { env: { ...process.env, OLLAMA_HOST: s.url }, encoding: 'utf8' });
console.log(r.stderr.slice(0, 1500)); await s.close();
