import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Plugin } from 'vite';

// Entry points are set explicitly because our layout is not electron-vite's
// default (src/main, src/preload, src/renderer).
const root = dirname(fileURLToPath(import.meta.url));

/**
 * codemirror-json-schema renders schema descriptions as markdown with shiki,
 * which loads themes and a grammar as soon as the editor does (about 240 KB
 * we never use). Its renderer is swapped for one that shows plain text.
 */
function plainSchemaDescriptions(): Plugin {
  return {
    name: 'quorum-plain-schema-descriptions',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === '../utils/markdown' && importer?.includes('codemirror-json-schema')) {
        return resolve(root, 'renderer/src/components/designer/schema-markdown.ts');
      }
      return null;
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The sandbox's worker thread has its own entry (electron/core/sandbox/pool.ts looks for it beside the bundle).
      rollupOptions: { input: { index: resolve(root, 'electron/main/index.ts'), 'sandbox-worker': resolve(root, 'electron/core/sandbox/worker.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        // A sandboxed preload cannot `require` ESM; emit CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [plainSchemaDescriptions(), svelte({ configFile: resolve(root, 'svelte.config.js') })],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rollupOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
