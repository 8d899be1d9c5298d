/**
 * `npm run build`: the production build. Compiles every app and library with tsc into dist/ (dist/apps/<app>/src/
 * main.js), turns the `@mmt/<lib>` imports into relative requires so that plain `node` runs the output, copies
 * the files the apps read at run time (GraphQL schema, OpenAPI document), and builds the web app into dist/web.
 * Run a compiled service with `node dist/apps/<app>/src/main.js`, the keys tool with `node dist/scripts/keys.js`.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { REPO_ROOT } from './infra/local-dirs';

const DIST = join(REPO_ROOT, 'dist');
const ASSET = /\.(graphql|yaml)$/;

function filesUnder(dir: string, keep: (file: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path, keep) : keep(path) ? [path] : [];
  });
}

interface TsConfig {
  compilerOptions: { paths: Record<string, string[]> };
}

/** Where each `@mmt/<lib>` alias points, from tsconfig.json's paths (their one definition). */
const ALIASES = new Map(
  Object.entries(
    (JSON.parse(readFileSync(join(REPO_ROOT, 'tsconfig.json'), 'utf8')) as TsConfig).compilerOptions.paths,
  ).map(([alias, [dir]]) => [alias, dir]),
);

/** `require("@mmt/store")` in dist/apps/gateway/src/main.js becomes `require("../../../libs/infra/store/src")`. */
function resolveAliases(file: string): void {
  const text = readFileSync(file, 'utf8');
  const rewritten = text.replace(/require\("(@mmt\/[a-z-]+)"\)/g, (call: string, alias: string) => {
    const dir = ALIASES.get(alias);
    if (dir === undefined) {
      return call;
    }
    const target = relative(dirname(file), join(DIST, dir));
    return `require("${target.startsWith('.') ? target : `./${target}`}")`;
  });
  if (rewritten !== text) {
    writeFileSync(file, rewritten);
  }
}

function main(): void {
  const started = Date.now();
  rmSync(join(DIST, 'apps'), { recursive: true, force: true });
  rmSync(join(DIST, 'libs'), { recursive: true, force: true });
  rmSync(join(DIST, 'scripts'), { recursive: true, force: true });
  rmSync(join(DIST, 'tools'), { recursive: true, force: true });
  console.log('build: compiling apps and libraries (tsc -p tsconfig.build.json)...');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  const compiled = [
    ...filesUnder(join(DIST, 'apps'), (f) => f.endsWith('.js')),
    ...filesUnder(join(DIST, 'libs'), (f) => f.endsWith('.js')),
    ...filesUnder(join(DIST, 'tools'), (f) => f.endsWith('.js')),
  ];
  compiled.forEach(resolveAliases);
  const assets = ['apps', 'libs'].flatMap((top) =>
    filesUnder(join(REPO_ROOT, top), (f) => ASSET.test(f) && f.includes('/src/') && !f.includes('/apps/web/')),
  );
  for (const asset of assets) {
    const target = join(DIST, relative(REPO_ROOT, asset));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(asset, target);
  }
  console.log(`build: ${compiled.length} files compiled, ${assets.length} assets copied`);
  execFileSync(process.execPath, ['-r', '@swc-node/register', 'scripts/build-web.ts'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  console.log(
    `build: done in ${((Date.now() - started) / 1000).toFixed(1)}s; run a service with node dist/apps/<app>/src/main.js`,
  );
}

main();
