/**
 * LLM-written code that misbehaves, by accident or on purpose: each attempt
 * fails its own test with a message, nothing reaches the host, and the next
 * test run works as usual.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeSandbox, runJobTests, type TestRunResult } from '../../../electron/core/sandbox';
import { FAST, jobWithTests } from './helpers';

afterAll(() => closeSandbox());

const honest = jobWithTests({ 'adds': '() => assert.equal(f(2, 3), 5)' });

/** Runs `code` as f.js under one test calling f(), then checks that an honest run right after still passes. */
async function attempt(code: string, test = '() => f()', limits: Record<string, number> = FAST): Promise<TestRunResult> {
  const job = jobWithTests({ 'hostile': test, 'still judged': '() => assert.equal(1 + 1, 2)' });
  const result = await runJobTests({ job, files: { 'f.js': code }, limits });
  const after = await runJobTests({ job: honest, files: { 'f.js': 'export const f = (a, b) => a + b;' } });
  expect(after.returncode, 'the next test run still works').toBe(0);
  return result;
}

function hostile(result: TestRunResult) {
  const test = result.tests.find((t) => t.name.endsWith('::hostile'));
  if (!test) throw new Error(`no outcome for the hostile test in:\n${result.output}`);
  return test;
}

describe('hostile code fails cleanly', () => {
  it('an endless loop times out, and the file\'s other tests still run', async () => {
    const result = await attempt('export function f() { while (true) {} }');
    expect(hostile(result).outcome).toBe('failed');
    expect(hostile(result).message).toMatch(/^timed out after 0\.4 s/);
    expect(result.tests.find((t) => t.name.endsWith('::still judged'))?.outcome).toBe('passed');
  });

  it('an endless loop that catches every error is still stopped', async () => {
    const result = await attempt('export function f() { for (;;) { try { for (;;) {} } catch (e) {} finally { continue; } } }');
    expect(hostile(result).message).toMatch(/^timed out/);
  });

  it('an endless loop at a module\'s top level fails loading, not the app', async () => {
    const result = await attempt('while (true) {}\nexport const f = 1;');
    expect(result.returncode).toBe(2);
    expect(hostile(result).message).toMatch(/timed out .* \(while loading tests\/task-1\.test\.js/);
  });

  it('a memory bomb runs out of memory at the limit', async () => {
    const result = await attempt('export function f() { const hoard = []; for (;;) hoard.push(new Array(100000).fill(7)); }', '() => f()', { ...FAST, testMs: 10_000, memoryBytes: 16 * 1024 * 1024 });
    expect(hostile(result).message).toMatch(/^ran out of memory \(the limit is 16 MB per test\)/);
  });

  it('a string that doubles forever runs out of memory', async () => {
    const result = await attempt("export function f() { let s = 'x'; for (;;) s += s; }", '() => f()', { ...FAST, testMs: 10_000, memoryBytes: 16 * 1024 * 1024 });
    expect(hostile(result).message).toMatch(/^ran out of memory/);
  });

  it('endless recursion overflows the stack with a message', async () => {
    const result = await attempt('export function f(n = 0) { return f(n + 1) + 1; }');
    expect(hostile(result).message).toMatch(/^stack overflow/);
  });

  it('reaching for the file system: importing fs or node:fs is refused by name', async () => {
    for (const specifier of ['fs', 'node:fs', 'node:child_process']) {
      const result = await attempt(`import * as fs from '${specifier}';\nexport function f() { return fs; }`);
      expect(result.returncode).toBe(2);
      expect(hostile(result).message).toContain(`cannot import '${specifier}' in f.js: the sandbox has no Node modules (no file system, network or process)`);
    }
  });

  it('reaching for the file system: require(\'fs\') and a dynamic import fail the test', async () => {
    const required = await attempt("export function f() { return require('fs').readFileSync('/etc/passwd', 'utf8'); }");
    expect(hostile(required).message).toContain("'require' is not defined");
    const dynamic = await attempt("export async function f() { const fs = await import('node:fs'); return fs.readFileSync('/etc/passwd'); }", 'async () => { await f(); }');
    expect(hostile(dynamic).outcome).toBe('failed');
    expect(hostile(dynamic).message).toContain("cannot import 'node:fs'");
  });

  it('QuickJS\'s own std and os modules are not there either', async () => {
    const result = await attempt("import * as os from 'os';\nexport const f = () => os;");
    expect(hostile(result).message).toContain("cannot import 'os'");
    const globals = await attempt('export function f() { return [typeof std, typeof os, typeof scriptArgs, typeof print].join(); }', "() => assert.equal(f(), 'undefined,undefined,undefined,undefined')");
    expect(hostile(globals).outcome).toBe('passed');
  });

  it('the network: fetch, require(\'http\') and sockets are not there', async () => {
    const fetched = await attempt("export async function f() { return fetch('http://127.0.0.1:1/'); }", 'async () => { await f(); }');
    expect(hostile(fetched).message).toContain("'fetch' is not defined");
    const http = await attempt("import http from 'http';\nexport const f = () => http;");
    expect(hostile(http).message).toContain("cannot import 'http'");
    const names = await attempt("export const f = () => [typeof XMLHttpRequest, typeof WebSocket, typeof require].join();", "() => assert.equal(f(), 'undefined,undefined,undefined')");
    expect(hostile(names).outcome).toBe('passed');
  });

  it('the process: process.exit and globalThis tricks find no process', async () => {
    const exited = await attempt('export function f() { process.exit(1); }');
    expect(hostile(exited).message).toContain("'process' is not defined");
    const viaFunction = await attempt("export function f() { return Function('return this')().process.exit(1); }");
    expect(hostile(viaFunction).message).toMatch(/TypeError/);
    const viaConstructor = await attempt("export function f() { return (function () {}).constructor.constructor('return process')(); }");
    expect(hostile(viaConstructor).message).toContain("'process' is not defined");
  });

  it('exiting the worker: close, postMessage and worker_threads are not there', async () => {
    const closed = await attempt('export function f() { close(); }');
    expect(hostile(closed).message).toContain("'close' is not defined");
    const posted = await attempt("export function f() { postMessage('exit'); }");
    expect(hostile(posted).message).toContain("'postMessage' is not defined");
    const threads = await attempt("import { parentPort } from 'worker_threads';\nexport const f = () => parentPort.close();");
    expect(hostile(threads).message).toContain("cannot import 'worker_threads'");
  });

  it('a thrown object whose getters loop forever still ends the test', async () => {
    const result = await attempt("export function f() { throw { get name() { for (;;) {} }, get message() { return 'x'; } }; }");
    expect(hostile(result).outcome).toBe('failed');
    expect(hostile(result).message).toMatch(/^timed out/);
  });

  it('a huge output is cut to the limit', async () => {
    const result = await attempt("export function f() { for (let i = 0; i < 20000; i++) console.log('spam '.repeat(200)); return 1; }", '() => assert.equal(f(), 1)', { ...FAST, testMs: 10_000, outputChars: 2_000 });
    expect(hostile(result).outcome).toBe('passed');
    expect(result.output.length).toBeLessThanOrEqual(2_000);
    expect(result.output).toMatch(/^1 passed|^2 passed/);
    expect(result.output).toMatch(/characters (of output dropped|cut)/);
  });

  it('prototype pollution stays in its own test and cannot fake a pass', async () => {
    const polluter = [
      'Object.prototype.polluted = "yes";',
      'Object.is = () => true;',
      'JSON.stringify = () => "lies";',
      'Array.prototype.push = function () { return 0; };',
      'Map.prototype.get = function () { return () => {}; };',
      'export function f() { return 41; }',
    ].join('\n');
    const job = jobWithTests({ 'hostile': '() => assert.equal(f(), 42)' });
    const result = await runJobTests({ job, files: { 'f.js': polluter } });
    expect(hostile(result).outcome).toBe('failed');
    expect(hostile(result).message).toBe('expected 42, got 41');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a fresh engine per test: globals set by one test are gone in the next', async () => {
    const job = jobWithTests({ 'sets': '() => { globalThis.leak = 1; f(); }', 'reads': '() => assert.equal(globalThis.leak, undefined)' });
    const result = await runJobTests({ job, files: { 'f.js': 'export function f() { Object.prototype.leakedToo = 1; }' } });
    expect(result.returncode).toBe(0);
  });
});
