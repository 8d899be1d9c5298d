import { addTotals, dayKey, emptyTotals, type MetricsTotals, type MetricTotals } from './bucket-deltas';
import { clearanceProgrammes, targetFor, type ClearanceProgramme } from './clearance-targets';
import { DIRECTIONS, type CorridorOrUnknown, type Direction, type Metric } from './journey-facts';
import { daysOf, granularityOf, periodOf, periodProblem } from './periods';
import { percentilesOf } from './sketch';
import type { BucketDocument, BucketPart, DaysBucket, StatisticsRepository } from './statistics.repository';

export interface Throughput {
  readonly containers: number;
  readonly teu: number;
}

/** A duration statistic in minutes: exact count and mean, percentiles from the sketch (within 1 %). */
export interface DurationStats {
  readonly count: number;
  readonly meanMinutes: number;
  readonly p50Minutes: number;
  readonly p90Minutes: number;
  readonly p99Minutes: number;
}

/** Metrics summed over buckets: counts and sums added, sketches merged by adding their counts. */
class MergedMetrics {
  private readonly byMetric = new Map<Metric, MetricTotals>();

  constructor(parts: readonly MetricsTotals[]) {
    for (const part of parts) {
      for (const [metric, totals] of Object.entries(part) as [Metric, MetricTotals][]) {
        const merged = this.byMetric.get(metric) ?? emptyTotals();
        this.byMetric.set(metric, addTotals(merged, totals));
      }
    }
  }

  throughput(metric: Metric): Throughput {
    const merged = this.byMetric.get(metric);
    return { containers: merged?.count ?? 0, teu: merged?.teu ?? 0 };
  }

  duration(metric: Metric): DurationStats | null {
    const merged = this.byMetric.get(metric);
    const percentiles = merged === undefined ? undefined : percentilesOf(merged.sketch);
    if (merged === undefined || merged.count === 0 || percentiles === undefined) {
      return null;
    }
    return {
      count: merged.count,
      meanMinutes: merged.minutes / merged.count,
      p50Minutes: percentiles.p50,
      p90Minutes: percentiles.p90,
      p99Minutes: percentiles.p99,
    };
  }
}

export interface CorridorStats {
  readonly corridor: string;
  readonly period: string;
  readonly started: Throughput;
  readonly delivered: Throughput;
  readonly transit: DurationStats | null;
}

export interface HubStats {
  readonly locode: string;
  readonly period: string;
  readonly arrived: Throughput;
  readonly departed: Throughput;
  readonly cleared: Throughput;
  readonly dwell: DurationStats | null;
  readonly legTransit: DurationStats | null;
}

export interface ClearanceRow {
  readonly direction: Direction | 'ALL';
  readonly cleared: Throughput;
  readonly inspected: number;
  /** Inspected / cleared, 0..1. */
  readonly inspectionShare: number;
  readonly clearance: DurationStats | null;
  /** The parts of the clearance time where the declaration is known: arrival to declaration, and on to release. */
  readonly awaitingDeclaration: DurationStats | null;
  readonly declarationToRelease: DurationStats | null;
}

/** One customs broker's declaration timeliness at a port: how long after the containers' arrival it declared. */
export interface BrokerTimeliness {
  /** 1 for the broker with the shortest mean delay. */
  readonly rank: number;
  readonly broker: string;
  readonly brokerName: string;
  readonly declarations: number;
  /** Declarations lodged before the container arrived (counted with 0 minutes in the delay). */
  readonly beforeArrival: number;
  readonly delay: DurationStats;
}

export interface BrokerTimelinessReport {
  readonly port: string;
  readonly period: string;
  readonly brokers: readonly BrokerTimeliness[];
}

export interface ClearanceReport {
  readonly port: string;
  readonly period: string;
  readonly rows: readonly ClearanceRow[];
  readonly baseline: { readonly period: string; readonly meanMinutes: number } | null;
  readonly target: { readonly by: string; readonly reduction: number; readonly meanMinutes: number } | null;
  /** The period's mean clearance time minus the target's (positive: behind the target). */
  readonly gapMinutes: number | null;
}

export class StatisticsQueryError extends Error {}

/** How many months before the current one `latestDay` looks into. */
export const LATEST_DAY_MONTHS = 24;

/** `2026-03` → `2026-02`, `2026-01` → `2025-12`. */
function monthBefore(month: string): string {
  const [year, number] = month.split('-').map(Number);
  return number === 1 ? `${year - 1}-12` : `${year}-${String(number - 1).padStart(2, '0')}`;
}

/** Which buckets a period reads, and which of their totals: a month's own, or the days of a day or week. */
interface PeriodSelection {
  readonly months: string[];
  /** A month reads the buckets' month totals (a few kilobytes each), a day or a week their days'. */
  readonly part: BucketPart;
  /** The days of a day or a week (none for a month). */
  readonly days: readonly string[];
  readonly totalsOf: (bucket: BucketDocument) => MetricsTotals[];
}

function selection(period: string): PeriodSelection {
  const granularity = granularityOf(period);
  if (granularity === undefined) {
    throw new StatisticsQueryError(periodProblem('period', period));
  }
  if (granularity === 'MONTH') {
    return {
      months: [period],
      part: 'MONTH',
      days: [],
      totalsOf: (bucket) => ('metrics' in bucket ? [bucket.metrics] : []),
    };
  }
  const days = daysOf(period);
  return {
    months: [...new Set(days.map((day) => day.slice(0, 7)))],
    part: 'DAYS',
    days,
    totalsOf: (bucket) => ('days' in bucket ? daysTotals(bucket, days) : []),
  };
}

/** A bucket's totals of those of these days that fall in its month. */
function daysTotals(bucket: DaysBucket, days: readonly string[]): MetricsTotals[] {
  return days.filter((day) => day.startsWith(bucket.month)).flatMap((day) => bucket.days[dayKey(day)] ?? []);
}

function corridorStatsOf(corridor: CorridorOrUnknown, period: string, merged: MergedMetrics): CorridorStats {
  return {
    corridor,
    period,
    started: merged.throughput('started'),
    delivered: merged.throughput('delivered'),
    transit: merged.duration('transit'),
  };
}

/** What a clearance report reads of a port's buckets. */
const CLEARANCE_METRICS: readonly Metric[] = [
  'cleared',
  'inspected',
  'clearance',
  'awaitingDeclaration',
  'declarationToRelease',
];

export class StatisticsQueries {
  constructor(
    private readonly repository: StatisticsRepository,
    private readonly programmes: readonly ClearanceProgramme[] = clearanceProgrammes(),
  ) {}

  async corridorStats(corridor: CorridorOrUnknown, period: string): Promise<CorridorStats> {
    const selected = selection(period);
    const buckets = await this.repository.bucketsOf(selected.part, selected.months, { corridor, kind: 'HUB' });
    return corridorStatsOf(corridor, period, new MergedMetrics(buckets.flatMap(selected.totalsOf)));
  }

  /**
   * A corridor's figures for each day of a period (a month's days, a week's seven, or the day itself), from one
   * read of the buckets of the months it touches.
   */
  async corridorDays(corridor: CorridorOrUnknown, period: string): Promise<CorridorStats[]> {
    const { months } = selection(period);
    const buckets = await this.repository.bucketsOf('DAYS', months, { corridor, kind: 'HUB' });
    return daysOf(period).map((day) =>
      corridorStatsOf(corridor, day, new MergedMetrics(buckets.flatMap((bucket) => daysTotals(bucket, [day])))),
    );
  }

  /**
   * The latest day (China Standard Time) on which anything was counted, looked for in the month of `now` and the
   * LATEST_DAY_MONTHS before it; undefined when none of them has a statistic. Statistics count actual events only,
   * which the platform refuses from the future, so no later month can hold one.
   */
  async latestDay(now = Date.now()): Promise<string | undefined> {
    let month = periodOf('MONTH', now);
    for (let back = 0; back <= LATEST_DAY_MONTHS; back += 1, month = monthBefore(month)) {
      const days = await this.repository.daysCountedIn(month);
      if (days.length > 0) {
        return `${month}-${days.at(-1)!.slice(1)}`;
      }
    }
    return undefined;
  }

  async hubStats(locode: string, period: string): Promise<HubStats> {
    const selected = selection(period);
    const buckets = await this.repository.bucketsOf(selected.part, selected.months, { locode, kind: 'HUB' });
    const merged = new MergedMetrics(buckets.flatMap(selected.totalsOf));
    return {
      locode,
      period,
      arrived: merged.throughput('arrived'),
      departed: merged.throughput('departed'),
      cleared: merged.throughput('cleared'),
      dwell: merged.duration('dwell'),
      legTransit: merged.duration('legTransit'),
    };
  }

  async clearanceReport(port: string, period: string): Promise<ClearanceReport> {
    const selected = selection(period);
    const buckets = await this.repository.bucketsOf(
      selected.part,
      selected.months,
      { locode: port, kind: 'HUB' },
      { metrics: CLEARANCE_METRICS, days: selected.days },
    );
    const row = (direction: ClearanceRow['direction'], of: readonly BucketDocument[]): ClearanceRow => {
      const merged = new MergedMetrics(of.flatMap(selected.totalsOf));
      const cleared = merged.throughput('cleared');
      const inspected = merged.throughput('inspected').containers;
      return {
        direction,
        cleared,
        inspected,
        inspectionShare: cleared.containers === 0 ? 0 : inspected / cleared.containers,
        clearance: merged.duration('clearance'),
        awaitingDeclaration: merged.duration('awaitingDeclaration'),
        declarationToRelease: merged.duration('declarationToRelease'),
      };
    };
    const rows = [
      row('ALL', buckets),
      ...DIRECTIONS.map((direction) =>
        row(
          direction,
          buckets.filter((b) => b.direction === direction),
        ),
      ),
    ];
    const programme = this.programmes.find((p) => p.port === port);
    const target = programme === undefined ? undefined : targetFor(programme, period);
    const targetMinutes = target === undefined ? undefined : programme!.baselineMinutes * (1 - target.reduction);
    const actual = rows[0].clearance?.meanMinutes;
    return {
      port,
      period,
      rows,
      baseline:
        programme === undefined ? null : { period: programme.baselinePeriod, meanMinutes: programme.baselineMinutes },
      target: target === undefined ? null : { ...target, meanMinutes: targetMinutes! },
      gapMinutes: actual === undefined || targetMinutes === undefined ? null : actual - targetMinutes,
    };
  }

  /** The port's customs brokers ranked by their mean delay after arrival (then by more declarations, then by id). */
  async brokerTimeliness(port: string, period: string): Promise<BrokerTimelinessReport> {
    const selected = selection(period);
    const byBroker = new Map<string, BucketDocument[]>();
    for (const bucket of await this.repository.bucketsOf(selected.part, selected.months, {
      locode: port,
      kind: 'BROKER',
    })) {
      if (bucket.broker !== undefined) {
        byBroker.set(bucket.broker, [...(byBroker.get(bucket.broker) ?? []), bucket]);
      }
    }
    const brokers = [...byBroker.entries()].flatMap(([broker, buckets]) => {
      const merged = new MergedMetrics(buckets.flatMap(selected.totalsOf));
      const delay = merged.duration('declared');
      return delay === null
        ? []
        : [
            {
              broker,
              brokerName: buckets[0].brokerName ?? broker,
              declarations: delay.count,
              beforeArrival: merged.throughput('declaredBeforeArrival').containers,
              delay,
            },
          ];
    });
    brokers.sort(
      (a, b) =>
        a.delay.meanMinutes - b.delay.meanMinutes ||
        b.declarations - a.declarations ||
        (a.broker < b.broker ? -1 : a.broker > b.broker ? 1 : 0),
    );
    return { port, period, brokers: brokers.map((entry, i) => ({ rank: i + 1, ...entry })) };
  }
}
