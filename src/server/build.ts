/**
 * `npm run build:server`: the endpoint's Worker entry (worker.ts) bundled into one ES module,
 * dist-server/handler.mjs, for workerd or Cloudflare Workers. Vite's API with its own inline configuration,
 * so the extension's vite.config.ts (crx plugin, manifest) plays no part.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SERVER_OUT_DIR = path.join(ROOT, 'dist-server');

/** Builds dist-server/handler.mjs (or into `outDir`) and answers the file's path. */
export async function buildServer(outDir = SERVER_OUT_DIR, quiet = false): Promise<string> {
  await build({
    configFile: false,
    root: ROOT,
    publicDir: false,
    logLevel: quiet ? 'warn' : 'info',
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: false,
      // Readable on purpose: a team deploying it can see what runs with their token.
      minify: false,
      lib: { entry: path.join(ROOT, 'src/server/worker.ts'), formats: ['es'], fileName: () => 'handler.mjs' },
    },
  });
  return path.join(outDir, 'handler.mjs');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildServer().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : 'The endpoint could not be built.');
    process.exit(1);
  });
}
