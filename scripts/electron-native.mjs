#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into .native/, beside (not over)
// the Node build in node_modules, so `npm start` and `npm test` both work from
// one install. electron/main/native-binding.ts explains how the app uses it.
// Tries the project's prebuilt binary for this Electron first, then compiles
// from source against Electron's headers. Both need the network once.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const readVersion = (pkg) => JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;

const electronVersion = readVersion('electron');
const target = join(root, '.native', `electron-${electronVersion}-${process.platform}-${process.arch}`, 'better_sqlite3.node');
if (existsSync(target)) process.exit(0);

console.log(`Building better-sqlite3 for Electron ${electronVersion} (once per Electron version)…`);
const work = mkdtempSync(join(tmpdir(), 'quorum-native-'));
const copy = join(work, 'better-sqlite3');
cpSync(join(root, 'node_modules', 'better-sqlite3'), copy, { recursive: true, filter: (src) => !src.includes(`${'better-sqlite3'}/build`) });

// A global nodedir (npm config) would make node-gyp compile against Node's
// headers instead of Electron's; drop it for this build.
const env = { ...process.env };
for (const key of Object.keys(env)) if (key.toLowerCase() === 'npm_config_nodedir') delete env[key];

const attempts = [
  ['prebuilt binary', join(root, 'node_modules', 'prebuild-install', 'bin.js'), ['--runtime', 'electron', '--target', electronVersion, '--arch', process.arch]],
  ['compile from source', join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'), ['rebuild', '--release', `--target=${electronVersion}`, `--arch=${process.arch}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers']],
];
const failures = [];
for (const [label, script, args] of attempts) {
  try {
    execFileSync(process.execPath, [script, ...args], { cwd: copy, env, stdio: 'inherit' });
    const built = join(copy, 'build', 'Release', 'better_sqlite3.node');
    if (!existsSync(built)) throw new Error('no better_sqlite3.node was produced');
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(built, target);
    rmSync(work, { recursive: true, force: true });
    console.log(`Electron build of better-sqlite3 ready (${label}): ${target}`);
    process.exit(0);
  } catch (error) {
    failures.push(`${label}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
}
rmSync(work, { recursive: true, force: true });
console.error(
  `Could not build better-sqlite3 for Electron ${electronVersion}:\n  ${failures.join('\n  ')}\n` +
    'This needs a network connection once (Electron headers or a prebuilt binary), plus python3, make and a C++ compiler.\n' +
    'The CLI and the browser mode do not need it: "npm run lab -- serve" runs the same lab in a browser tab.',
);
process.exit(1);
