import { addTotals, emptyTotals, type MetricTotals } from './bucket-deltas';
import { clearanceProgrammes, targetFor, type ClearanceProgramme } from './clearance-targets';
import { DIRECTIONS, type CorridorOrUnknown, type Direction, type Metric } from './journey-facts';
import { granularityOf, type Granularity } from './periods';
import { percentilesOf } from './sketch';
import type { BucketDocument, StatisticsRepository } from './statistics.repository';

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

  constructor(buckets: readonly BucketDocument[]) {
    for (const bucket of buckets) {
      for (const [metric, totals] of Object.entries(bucket.metrics) as [Metric, MetricTotals][]) {
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

function granularityOrThrow(period: string): Granularity {
  const granularity = granularityOf(period);
  if (granularity === undefined) {
    throw new StatisticsQueryError(
      `period must be a day (2026-03-02), an ISO week (2026-W10) or a month (2026-03), not ${JSON.stringify(period)}`,
    );
  }
  return granularity;
}

export class StatisticsQueries {
  constructor(
    private readonly repository: StatisticsRepository,
    private readonly programmes: readonly ClearanceProgramme[] = clearanceProgrammes(),
  ) {}

  async corridorStats(corridor: CorridorOrUnknown, period: string): Promise<CorridorStats> {
    const buckets = await this.repository.bucketsOfCorridor(granularityOrThrow(period), period, corridor);
    const merged = new MergedMetrics(buckets);
    return {
      corridor,
      period,
      started: merged.throughput('started'),
      delivered: merged.throughput('delivered'),
      transit: merged.duration('transit'),
    };
  }

  async hubStats(locode: string, period: string): Promise<HubStats> {
    const buckets = await this.repository.bucketsOfHub(granularityOrThrow(period), period, locode);
    const merged = new MergedMetrics(buckets);
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
    const buckets = await this.repository.bucketsOfHub(granularityOrThrow(period), period, port);
    const row = (direction: ClearanceRow['direction'], of: readonly BucketDocument[]): ClearanceRow => {
      const merged = new MergedMetrics(of);
      const cleared = merged.throughput('cleared');
      const inspected = merged.throughput('inspected').containers;
      return {
        direction,
        cleared,
        inspected,
        inspectionShare: cleared.containers === 0 ? 0 : inspected / cleared.containers,
        clearance: merged.duration('clearance'),
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
}
