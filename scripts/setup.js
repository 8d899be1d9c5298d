/**
 * `npm run setup`, which `npm start` and `npm test` also run first: installs what the project needs, skipping what
 * is already in place, so that a fresh clone needs only `npm start` or `npm test`.
 * - npm packages (`npm ci`) when node_modules is missing or package-lock.json changed since they were installed;
 * - the Kafka jars, the store and Chromium (`npm run infra:install`, which skips what is present);
 * - the web app (`npm run build:web`, about a second).
 * Plain Node without packages: it runs before node_modules exists.
 */
const { spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
/** Kept inside node_modules, so that removing node_modules also forgets the install. */
const stamp = join(root, 'node_modules', '.installed-lock-sha256');

function run(title, command, args) {
  console.log(`\n=== ${title}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(
      `setup: ${title} failed (exit ${result.status ?? result.signal}); fix the cause above and run it again`,
    );
    process.exit(result.status ?? 1);
  }
}

const lockHash = createHash('sha256')
  .update(readFileSync(join(root, 'package-lock.json')))
  .digest('hex');
if (existsSync(stamp) && readFileSync(stamp, 'utf8') === lockHash) {
  console.log('setup: npm packages are those of package-lock.json');
} else {
  run('npm packages', 'npm', ['ci', '--no-audit', '--no-fund']);
  writeFileSync(stamp, lockHash);
}
run('Kafka, the store and Chromium', 'npm', ['run', '--silent', 'infra:install']);
run('The web app', 'npm', ['run', '--silent', 'build:web']);
