// Bundles the entries that run outside Next's bundles as plain JavaScript, each with what it
// imports from the project, into one ES module: the write worker's thread
// (lib/server/write-worker.ts) and the HTTP server in front of Next (lib/server/http-server/main.ts).
// Packages stay in node_modules (the file must live under the project to find them), and
// `server-only`, a guard for the React bundler, is left out.
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');

async function bundle(entry, outfile) {
  await build({
    entryPoints: [path.join(root, entry)],
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

export const buildWriteWorker = (outfile) => bundle('lib/server/write-worker.ts', outfile);
export const buildHttpServer = (outfile) => bundle('lib/server/http-server/main.ts', outfile);
