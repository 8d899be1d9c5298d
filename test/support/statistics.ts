import type { Journey } from '@mmt/contracts';
import { StatisticsTotals, type TotalsById } from '@mmt/analytics';

/** The statistics of these journeys computed in one go, from their facts: each month's and each day's totals. */
export function statisticsOf(journeys: readonly Journey[]): TotalsById {
  const totals = new StatisticsTotals();
  journeys.forEach((journey) => totals.add(journey));
  return totals.totals();
}
