import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * The libraries' tiers, lowest first. A library may import its own tier and those below it, never one above:
 * domain (what the platform knows: contracts, journeys, normalizing) needs nothing else; infra (Kafka, the store,
 * the service platform, metrics, config) may use the domain's types; features (access, alerts, analytics, DCSA)
 * build on both. Apps and tools sit above all three. Tests and a library's testing/ folder may use the simulator.
 */
const TIERS = ['domain', 'infra', 'features'] as const;
type Tier = (typeof TIERS)[number];

const ROOT = join(__dirname, '..');
const paths = (JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8')) as TsConfig).compilerOptions.paths;

interface TsConfig {
  compilerOptions: { paths: Record<string, string[]> };
}

/** The tier of each `@mmt/*` alias, or 'tools' / 'apps' for what lives outside libs/. */
const tierOf = new Map(
  Object.entries(paths).map(([alias, [dir]]) => [
    alias,
    dir.startsWith('libs/') ? dir.split('/')[1] : dir.split('/')[0],
  ]),
);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return entry.name === 'node_modules' ? [] : sources(path);
    }
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const isTestCode = (path: string) => path.endsWith('.spec.ts') || path.split(sep).includes('testing');

describe('library tiers', () => {
  it('puts every library in a tier folder, and every alias points at one', () => {
    const folders = readdirSync(join(ROOT, 'libs'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(folders.sort()).toEqual([...TIERS].sort());
    for (const [alias, tier] of tierOf) {
      expect({ alias, tier: [...TIERS, 'tools'].includes(tier) }).toEqual({ alias, tier: true });
    }
  });

  it('imports only from its own tier or those below it, and never from apps or tools', () => {
    const wrong: string[] = [];
    for (const tier of TIERS) {
      for (const file of sources(join(ROOT, 'libs', tier))) {
        const text = readFileSync(file, 'utf8');
        for (const [, alias] of text.matchAll(/from '(@mmt\/[a-z-]+)'/g)) {
          const target = tierOf.get(alias) as Tier | 'tools' | undefined;
          const allowed =
            target !== undefined &&
            (target === 'tools' ? isTestCode(file) : TIERS.indexOf(target) <= TIERS.indexOf(tier));
          if (!allowed) {
            wrong.push(`${relative(ROOT, file)} (${tier}) imports ${alias} (${target ?? 'unknown'})`);
          }
        }
        if (/from '(\.\.\/)+(apps|tools)\//.test(text)) {
          wrong.push(`${relative(ROOT, file)} imports from apps/ or tools/ by path`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
