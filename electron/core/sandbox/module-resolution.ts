/**
 * How an `import` inside the sandbox finds its file: ES modules only, from
 * the repository's own files (plus "quorum:test"). Anything else — Node's
 * modules, packages, a path outside the repository, a file that is not there
 * — is refused with a message an agent can act on.
 */
import { posix } from 'node:path';
import { HARNESS_MODULE, HARNESS_SOURCE } from './harness';

/** Node's built-in modules an agent is likely to reach for, named so the refusal can say why. */
const HOST_MODULES = new Set(['fs', 'fs/promises', 'path', 'os', 'child_process', 'http', 'https', 'net', 'tls', 'dgram', 'dns', 'process', 'worker_threads', 'cluster', 'vm', 'module', 'util', 'events', 'stream', 'crypto', 'buffer', 'url', 'readline', 'zlib', 'assert', 'timers']);

export const ES_MODULES_HINT = 'the sandbox runs ES modules: write `export function name(…) {…}` and `import { name } from \'./file.js\'`';

export interface ModuleSources {
  /** Test files, laid over the repository: a team's file at the same path is ignored. */
  tests: ReadonlyMap<string, string>;
  repository: Readonly<Record<string, string>>;
}

/** Repository-relative, "/"-separated, without "./" or a leading "/". */
export function cleanPath(path: string): string {
  return posix.normalize(path.replace(/\\/g, '/')).replace(/^(\.\/)+/, '').replace(/^\/+/, '');
}

function has(sources: ModuleSources, path: string): boolean {
  return sources.tests.has(path) || Object.prototype.hasOwnProperty.call(sources.repository, path);
}

export function sourceOf(sources: ModuleSources, path: string): string | undefined {
  if (path === HARNESS_MODULE) return HARNESS_SOURCE;
  if (sources.tests.has(path)) return sources.tests.get(path);
  return Object.prototype.hasOwnProperty.call(sources.repository, path) ? sources.repository[path] : undefined;
}

function nearby(sources: ModuleSources): string {
  const files = Object.keys(sources.repository).filter((p) => /\.(m?js)$/.test(p)).sort();
  if (files.length === 0) return 'the repository has no .js files yet';
  const shown = files.slice(0, 12).join(', ');
  return `the repository's .js files: ${shown}${files.length > 12 ? `, and ${files.length - 12} more` : ''}`;
}

export type Resolution = { path: string } | { problem: string };

/**
 * The repository path `requested` names when imported from `importer`.
 * A relative path may leave out ".js" (the sandbox tries name, name.js,
 * name.mjs, name/index.js); a bare name is a package, and there are none.
 */
export function resolveImport(sources: ModuleSources, importer: string, requested: string): Resolution {
  if (requested === HARNESS_MODULE) return { path: HARNESS_MODULE };
  const from = importer.startsWith('<') ? '' : posix.dirname(cleanPath(importer));
  const isPath = requested.startsWith('./') || requested.startsWith('../') || requested.startsWith('/');
  if (!isPath) {
    const bare = requested.replace(/^node:/, '');
    if (requested.startsWith('node:') || HOST_MODULES.has(bare)) {
      return { problem: `cannot import '${requested}' in ${importer}: the sandbox has no Node modules (no file system, network or process); only the repository's own files can be imported` };
    }
    return { problem: `cannot import '${requested}' in ${importer}: there are no packages in the sandbox; import the repository's own files with a relative path such as './${bare.endsWith('.js') ? bare : `${bare}.js`}'` };
  }
  const joined = requested.startsWith('/') ? requested.slice(1) : posix.join(from, requested);
  const target = posix.normalize(joined);
  if (target.startsWith('..')) return { problem: `cannot import '${requested}' in ${importer}: it points outside the repository` };
  const candidates = [target, `${target}.js`, `${target}.mjs`, `${target}/index.js`];
  const found = candidates.find((candidate) => has(sources, candidate));
  if (found !== undefined) return { path: found };
  return { problem: `cannot import '${requested}' in ${importer}: there is no file ${target} (${nearby(sources)})` };
}

/** Makes an engine error an agent can act on: the ES-modules hint where CommonJS was tried, what a missing export means. */
export function explainError(message: string, sources?: ModuleSources): string {
  if (/'(require|module|exports|__dirname|__filename)' is not defined/.test(message)) return `${message} (${ES_MODULES_HINT})`;
  if (/'(process|Buffer|setTimeout|setInterval|setImmediate|fetch|XMLHttpRequest|WebSocket)' is not defined/.test(message)) {
    return `${message} (the sandbox has no process, network or timers: write plain functions of their arguments)`;
  }
  const missingExport = /Could not find export '([^']+)' in module '([^']+)'/.exec(message);
  if (missingExport && sources) {
    const [, name, path] = missingExport;
    const source = sourceOf(sources, path!) ?? '';
    if (/\bmodule\.exports\b|\bexports\.\w+\s*=|\brequire\s*\(/.test(source)) return `${message} (${path} uses CommonJS; ${ES_MODULES_HINT})`;
    return `${message} (${path} must export it: \`export function ${name}(…)\` or \`export { ${name} }\`)`;
  }
  return message;
}
