import type { RawMessage } from '@mmt/contracts';
import type { SimulatedMessage, Simulation } from '@mmt/simulator';

/**
 * A simulation's feed up to the moment when `share` of its messages were sent (by sentAt): journeys are then still
 * on their way, with ETAs and delays, as a live platform's are. The simulation keeps only those valid messages.
 */
export function feedUpTo(
  simulation: Simulation,
  share: number,
): { simulation: Simulation; messages: SimulatedMessage[] } {
  const sentTimes = simulation.validMessages.map((m) => Date.parse(m.sentAt)).sort((a, b) => a - b);
  const cutoff = sentTimes[Math.floor(sentTimes.length * share)];
  const sentBy = (sentAt: string) => Date.parse(sentAt) <= cutoff;
  return {
    simulation: { ...simulation, validMessages: simulation.validMessages.filter((m) => sentBy(m.sentAt)) },
    messages: simulation.messages.filter((m) => sentBy((JSON.parse(m.value.toString()) as RawMessage).sentAt)),
  };
}
