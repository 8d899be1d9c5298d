/**
 * `npm run keys -- <command>`: issue, rotate, revoke and list API keys in the store that MONGODB_URI names.
 *   npm run keys -- create --role SHIPPER --org org-cq-electronics --name "Liangjiang Electronics" [--expires-in 90d]
 *   npm run keys -- create --role SOURCE_SYSTEM --source LAND_SEA_CORRIDOR --org org-qz-port --name "Qinzhou port EDI centre"
 *   npm run keys -- rotate 0a1b2c3d [--overlap 2h]
 *   npm run keys -- revoke 0a1b2c3d
 *   npm run keys -- list [--json]
 * Exit codes: 0 done, 1 failed (invalid input, unknown key, store unreachable), 2 usage error.
 */
import { parseArgs } from 'node:util';
import type { Connection } from 'mongoose';
import {
  AccessError,
  ApiKeysRepository,
  type ApiKeyListing,
  formatDuration,
  parseDuration,
  parseInstant,
  ROLES,
  validateKeyInput,
} from '@mmt/access';
import { ConfigError, loadInfraConfig } from '@mmt/config';
import { SOURCE_SYSTEMS } from '@mmt/contracts';
import { connectStore } from '@mmt/store';

/** How long a rotated key keeps working beside its successor, unless --overlap says otherwise. */
const DEFAULT_OVERLAP = '24h';

const USAGE = `Usage: npm run keys -- <command>

Commands:
  create --role <${ROLES.join('|')}> --org <orgId> --name <label> [--expires-in <duration> | --expires-at <date>]
         [--source <${SOURCE_SYSTEMS.join('|')}>]
                     issue a key; it is printed once and cannot be shown again. A SOURCE_SYSTEM key (which only
                     sends UN/EDIFACT interchanges, POST /edi/interchanges) names the source system it sends for
  rotate <keyId> [--overlap <duration>] [--expires-in <duration> | --expires-at <date>]
                     issue a new key for the same organisation, role and name; the old key keeps working
                     for the overlap (default ${DEFAULT_OVERLAP}) and is refused as expired after it
  revoke <keyId>     revoke a key for good, at once
  list [--json]      every key issued, with its status and expiry (never the keys themselves)

A duration is a whole number and a unit: 90d, 24h, 30m, 45s. A date is ISO 8601: 2026-12-31 (midnight UTC) or
2026-12-31T18:00:00+08:00. Without --expires-in/--expires-at a key never expires; a rotated key's successor
expires after the old key's own lifetime, if it had one.

The store is the one MONGODB_URI names (default mongodb://127.0.0.1:27017/mmt).`;

class UsageError extends Error {}

interface Command {
  name: 'create' | 'rotate' | 'revoke' | 'list' | 'help';
  values: {
    role?: string;
    source?: string;
    org?: string;
    name?: string;
    json?: boolean;
    'expires-in'?: string;
    'expires-at'?: string;
    overlap?: string;
  };
  positionals: string[];
}

const OPTIONS_OF: Record<Command['name'], readonly string[]> = {
  create: ['role', 'source', 'org', 'name', 'expires-in', 'expires-at'],
  rotate: ['overlap', 'expires-in', 'expires-at'],
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
        source: { type: 'string' },
        org: { type: 'string' },
        name: { type: 'string' },
        json: { type: 'boolean' },
        'expires-in': { type: 'string' },
        'expires-at': { type: 'string' },
        overlap: { type: 'string' },
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
  if (name !== 'create' && name !== 'rotate' && name !== 'revoke' && name !== 'list') {
    throw new UsageError(name === undefined ? 'no command given' : `unknown command "${name}"`);
  }
  return { name, values: parsed.values, positionals };
}

function keyInput(values: Command['values']) {
  return validateKeyInput({ role: values.role, orgId: values.org, name: values.name, source: values.source });
}

/** The expiry `--expires-in` or `--expires-at` asks for, if any; both at once is a usage error. */
function expiryOf(values: Command['values'], now: Date): Date | undefined {
  const { 'expires-in': expiresIn, 'expires-at': expiresAt } = values;
  if (expiresIn !== undefined && expiresAt !== undefined) {
    throw new UsageError('give --expires-in or --expires-at, not both');
  }
  if (expiresIn !== undefined) {
    const ms = parseDuration(expiresIn, '--expires-in');
    if (ms === 0) {
      throw new AccessError('--expires-in: must be more than 0');
    }
    return new Date(now.getTime() + ms);
  }
  if (expiresAt !== undefined) {
    const instant = parseInstant(expiresAt, '--expires-at');
    if (instant.getTime() <= now.getTime()) {
      throw new AccessError(`--expires-at: ${instant.toISOString()} is already past`);
    }
    return instant;
  }
  return undefined;
}

function overlapOf(values: Command['values']): number {
  return parseDuration(values.overlap ?? DEFAULT_OVERLAP, '--overlap');
}

const expiryText = (expiresAt: string | undefined) =>
  expiresAt === undefined ? 'never expires' : `expires ${expiresAt}`;

function showOnce(apiKey: string): void {
  console.log('WARNING: this is the only time the key is shown; it cannot be shown again. Store it safely now:');
  console.log(apiKey);
}

async function create(keys: ApiKeysRepository, values: Command['values']): Promise<void> {
  await keys.ensureIndexes();
  const { apiKey, principal, expiresAt } = await keys.create({
    ...keyInput(values),
    expiresAt: expiryOf(values, new Date()),
  });
  console.log(
    `Created key ${principal.keyId} for ${principal.role} ${principal.orgId} (${principal.name}); it ${expiryText(expiresAt)}.`,
  );
  showOnce(apiKey);
}

async function rotate(keys: ApiKeysRepository, keyId: string, values: Command['values']): Promise<void> {
  await keys.ensureIndexes();
  const overlapMs = overlapOf(values);
  const rotated = await keys.rotate(keyId, { overlapMs, expiresAt: expiryOf(values, new Date()) });
  const { principal, previous } = rotated;
  console.log(
    `Rotated key ${previous.keyId} to ${principal.keyId} for ${principal.role} ${principal.orgId} (${principal.name}); the new key ${expiryText(rotated.expiresAt)}.`,
  );
  console.log(
    `The old key ${previous.keyId} keeps working until ${previous.expiresAt} (overlap ${formatDuration(overlapMs)}, or its own expiry if sooner); switch to the new key before then.`,
  );
  showOnce(rotated.apiKey);
}

async function revoke(keys: ApiKeysRepository, keyId: string): Promise<void> {
  if (!(await keys.revoke(keyId))) {
    throw new AccessError(`no active key with id "${keyId}" (unknown or already revoked; see \`list\`)`);
  }
  console.log(`Revoked key ${keyId}.`);
}

type Status = 'active' | 'expired' | 'revoked';

/** A key's state at `now`: revoked for good, expired (its expiry has come), or active (perhaps until an expiry). */
function statusOf(key: ApiKeyListing, now: Date): Status {
  if (key.revokedAt !== undefined) {
    return 'revoked';
  }
  return key.expiresAt !== undefined && !(now.getTime() < Date.parse(key.expiresAt)) ? 'expired' : 'active';
}

function formatListing(listing: readonly ApiKeyListing[], now: Date): string {
  const rows = listing.map((k) => [
    k.keyId,
    k.source === undefined ? k.role : `${k.role}/${k.source}`,
    k.orgId,
    statusOf(k, now) === 'revoked' ? `revoked ${k.revokedAt}` : statusOf(k, now),
    k.expiresAt ?? '-',
    k.createdAt,
    [k.rotatedFrom ? `replaces ${k.rotatedFrom}` : '', k.rotatedTo ? `rotated to ${k.rotatedTo}` : '']
      .filter(Boolean)
      .join(', ') || '-',
    k.name,
  ]);
  const table = [['KEY ID', 'ROLE', 'ORG ID', 'STATUS', 'EXPIRES', 'CREATED', 'ROTATION', 'NAME'], ...rows];
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
    case 'rotate':
      return rotate(keys, command.positionals[0], command.values);
    case 'revoke':
      return revoke(keys, command.positionals[0]);
    case 'list': {
      const listing = await keys.list();
      const now = new Date();
      console.log(
        command.values.json === true
          ? JSON.stringify(
              listing.map((key) => ({ ...key, status: statusOf(key, now) })),
              null,
              2,
            )
          : formatListing(listing, now),
      );
      return;
    }
    case 'help':
      return;
  }
}

/** Usage problems that need no store: wrong arguments for the command. */
function checkArguments(command: Command): void {
  const { values, positionals } = command;
  const expected = command.name === 'revoke' || command.name === 'rotate' ? 1 : 0;
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
  if (command.name === 'create' || command.name === 'rotate') {
    expiryOf(values, new Date());
  }
  if (command.name === 'rotate') {
    overlapOf(values);
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
