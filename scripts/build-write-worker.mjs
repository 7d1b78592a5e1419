// Bundles the write worker's entry (lib/server/write-worker.ts) and what it imports from the
// project into one ES module: the worker thread runs plain JavaScript, outside Next's bundles.
// Packages stay in node_modules (the file must live under the project to find them), and
// `server-only`, a guard for the React bundler, is left out.
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');

export async function buildWriteWorker(outfile) {
  await build({
    entryPoints: [path.join(root, 'lib', 'server', 'write-worker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
    plugins: [
      {
        name: 'server-only',
        setup(b) {
          b.onResolve({ filter: /^server-only$/ }, () => ({ path: 'server-only', namespace: 'empty' }));
          b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: '', loader: 'js' }));
        },
      },
    ],
  });
}
