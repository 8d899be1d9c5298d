/**
 * `npm run build:web`: bundles the web app (apps/web) into dist/web: index.html, style.css, favicon.svg and one app.js with
 * ECharts and the graphql-ws client in it. The gateway serves that folder at /app/.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

export const WEB_SOURCE = join(__dirname, '..', 'apps', 'web');
export const WEB_OUT = join(__dirname, '..', 'dist', 'web');

async function main(): Promise<void> {
  const started = performance.now();
  mkdirSync(WEB_OUT, { recursive: true });
  const result = await build({
    write: false,
    entryPoints: [join(WEB_SOURCE, 'src', 'main.ts')],
    bundle: true,
    minify: true,
    sourcemap: true,
    format: 'iife',
    target: ['chrome110', 'firefox110', 'safari16'],
    outfile: join(WEB_OUT, 'app.js'),
    logLevel: 'warning',
  });
  const files = [
    ...result.outputFiles.map((file) => ({ path: file.path, contents: file.contents })),
    ...['index.html', 'style.css', 'favicon.svg'].map((file) => ({
      path: join(WEB_OUT, file),
      contents: readFileSync(join(WEB_SOURCE, file)),
    })),
  ];
  // Each file replaced whole (written beside it, then renamed), so a gateway serving the folder meanwhile never
  // sends a half-written one.
  for (const { path, contents } of files) {
    writeFileSync(`${path}.tmp`, contents);
    renameSync(`${path}.tmp`, path);
  }
  console.log(`web: built ${WEB_OUT} in ${Math.round(performance.now() - started)} ms`);
}

main().catch((error: unknown) => {
  console.error(`build:web: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
