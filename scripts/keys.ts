/**
 * `npm run keys -- <command>`: issue, revoke and list API keys in the store that MONGODB_URI names.
 *   npm run keys -- create --role SHIPPER --org org-cq-electronics --name "Liangjiang Electronics"
 *   npm run keys -- revoke 0a1b2c3d
 *   npm run keys -- list [--json]
 * Exit codes: 0 done, 1 failed (invalid input, unknown key, store unreachable), 2 usage error.
 */
import { parseArgs } from 'node:util';
import type { Connection } from 'mongoose';
import { AccessError, ApiKeysRepository, type ApiKeyListing, ROLES, validateKeyInput } from '@mmt/access';
import { ConfigError, loadInfraConfig } from '@mmt/config';
import { connectStore } from '@mmt/store';

const USAGE = `Usage: npm run keys -- <command>

Commands:
  create --role <${ROLES.join('|')}> --org <orgId> --name <label>
                     issue a key; it is printed once and cannot be shown again
  revoke <keyId>     revoke a key for good
  list [--json]      every key issued, with its status (never the keys themselves)

The store is the one MONGODB_URI names (default mongodb://127.0.0.1:27017/mmt).`;

class UsageError extends Error {}

interface Command {
  name: 'create' | 'revoke' | 'list' | 'help';
  values: { role?: string; org?: string; name?: string; json?: boolean };
  positionals: string[];
}

const OPTIONS_OF: Record<Command['name'], readonly string[]> = {
  create: ['role', 'org', 'name'],
  revoke: [],
  list: ['json'],
  help: [],
};

function parseCommand(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        role: { type: 'string' },
        org: { type: 'string' },
        name: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const [name, ...positionals] = parsed.positionals;
  if (parsed.values.help === true || name === 'help') {
    return { name: 'help', values: {}, positionals: [] };
  }
  if (name !== 'create' && name !== 'revoke' && name !== 'list') {
    throw new UsageError(name === undefined ? 'no command given' : `unknown command "${name}"`);
  }
  return { name, values: parsed.values, positionals };
}

function keyInput(values: Command['values']) {
  return validateKeyInput({ role: values.role, orgId: values.org, name: values.name });
}

async function create(keys: ApiKeysRepository, values: Command['values']): Promise<void> {
  await keys.ensureIndexes();
  const { apiKey, principal } = await keys.create(keyInput(values));
  console.log(`Created key ${principal.keyId} for ${principal.role} ${principal.orgId} (${principal.name}).`);
  console.log('WARNING: this is the only time the key is shown; it cannot be shown again. Store it safely now:');
  console.log(apiKey);
}

async function revoke(keys: ApiKeysRepository, keyId: string): Promise<void> {
  if (!(await keys.revoke(keyId))) {
    throw new AccessError(`no active key with id "${keyId}" (unknown or already revoked; see \`list\`)`);
  }
  console.log(`Revoked key ${keyId}.`);
}

function formatListing(listing: readonly ApiKeyListing[]): string {
  const rows = listing.map((k) => [
    k.keyId,
    k.role,
    k.orgId,
    k.revokedAt ? `revoked ${k.revokedAt}` : 'active',
    k.createdAt,
    k.name,
  ]);
  const table = [['KEY ID', 'ROLE', 'ORG ID', 'STATUS', 'CREATED', 'NAME'], ...rows];
  const widths = table[0].map((_, column) => Math.max(...table.map((row) => row[column].length)));
  return table
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

async function run(command: Command, connection: Connection): Promise<void> {
  const keys = new ApiKeysRepository(connection);
  switch (command.name) {
    case 'create':
      return create(keys, command.values);
    case 'revoke':
      return revoke(keys, command.positionals[0]);
    case 'list': {
      const listing = await keys.list();
      console.log(command.values.json === true ? JSON.stringify(listing, null, 2) : formatListing(listing));
      return;
    }
    case 'help':
      return;
  }
}

/** Usage problems that need no store: wrong arguments for the command. */
function checkArguments(command: Command): void {
  const { values, positionals } = command;
  const expected = command.name === 'revoke' ? 1 : 0;
  if (positionals.length !== expected) {
    throw new UsageError(`${command.name} takes ${expected === 1 ? 'one keyId' : 'no positional arguments'}`);
  }
  const stray = Object.keys(values).filter((option) => !OPTIONS_OF[command.name].includes(option));
  if (stray.length > 0) {
    throw new UsageError(`${command.name} does not take ${stray.map((option) => `--${option}`).join(', ')}`);
  }
  const missing = (['role', 'org', 'name'] as const).filter((option) => values[option] === undefined);
  if (command.name === 'create' && missing.length > 0) {
    throw new UsageError(`create needs ${missing.map((option) => `--${option}`).join(', ')}`);
  }
  if (command.name === 'create') {
    keyInput(values);
  }
}

async function main(argv: readonly string[]): Promise<number> {
  try {
    const command = parseCommand(argv);
    if (command.name === 'help') {
      console.log(USAGE);
      return 0;
    }
    checkArguments(command);
    const connection = await connectStore(loadInfraConfig().mongodbUri);
    try {
      await run(command, connection);
    } finally {
      await connection.close();
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`keys: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    const known = error instanceof AccessError || error instanceof ConfigError;
    console.error(`keys: ${known ? error.message : String(error)}`);
    return 1;
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
