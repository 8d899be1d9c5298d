import { readFileSync } from 'node:fs';

/**
 * A port's clearance-time programme: its baseline (the mean clearance time over a past period, e.g. 2017) and
 * the reductions it must reach by given months (e.g. a third by 2018-12, half by 2020-12).
 */
export interface ClearanceProgramme {
  readonly port: string;
  readonly baselinePeriod: string;
  readonly baselineMinutes: number;
  readonly targets: readonly { readonly by: string; readonly reduction: number }[];
}

/**
 * The programmes the platform ships with: the plan's reductions against an illustrative 2017 baseline. A port
 * office sets its own in a JSON file of the same shape named by MMT_CLEARANCE_PROGRAMMES.
 */
export const DEFAULT_CLEARANCE_PROGRAMMES: readonly ClearanceProgramme[] = [
  {
    port: 'CNQZH',
    baselinePeriod: '2017',
    baselineMinutes: 40 * 60,
    targets: [
      { by: '2018-12', reduction: 1 / 3 },
      { by: '2020-12', reduction: 1 / 2 },
    ],
  },
  {
    port: 'CNCQI',
    baselinePeriod: '2017',
    baselineMinutes: 36 * 60,
    targets: [
      { by: '2018-12', reduction: 1 / 3 },
      { by: '2020-12', reduction: 1 / 2 },
    ],
  },
];

export function clearanceProgrammes(env: NodeJS.ProcessEnv = process.env): readonly ClearanceProgramme[] {
  const file = env.MMT_CLEARANCE_PROGRAMMES;
  if (file === undefined || file === '') {
    return DEFAULT_CLEARANCE_PROGRAMMES;
  }
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as ClearanceProgramme[];
  for (const programme of parsed) {
    if (
      typeof programme.port !== 'string' ||
      !(programme.baselineMinutes > 0) ||
      !Array.isArray(programme.targets) ||
      programme.targets.some(
        (t: { by?: unknown; reduction?: unknown }) =>
          !(typeof t.reduction === 'number' && t.reduction > 0 && t.reduction < 1) ||
          !(typeof t.by === 'string' && /^\d{4}-\d{2}$/.test(t.by)),
      )
    ) {
      throw new Error(`${file}: not a list of clearance programmes: ${JSON.stringify(programme)}`);
    }
  }
  return parsed;
}

/** The reduction in force for a period: the largest whose month has come by the period's start. */
export function targetFor(
  programme: ClearanceProgramme,
  period: string,
): { by: string; reduction: number } | undefined {
  const month = period.slice(0, 7);
  return programme.targets.filter((target) => target.by <= month).sort((a, b) => b.reduction - a.reduction)[0];
}
