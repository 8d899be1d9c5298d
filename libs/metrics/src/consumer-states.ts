/** Whether each Kafka consumer of this process is running: what readiness reports. */
export type ConsumerState = 'starting' | 'running' | 'stopped' | 'crashed';

const states = new Map<string, { state: ConsumerState; detail?: string }>();

export function setConsumerState(group: string, state: ConsumerState, detail?: string): void {
  states.set(group, { state, ...(detail === undefined ? {} : { detail }) });
}

/** Forgets a consumer that was shut down on purpose (a clean stop is not a failure to report). */
export function forgetConsumer(group: string): void {
  states.delete(group);
}

export function consumerStates(): ReadonlyMap<string, { state: ConsumerState; detail?: string }> {
  return states;
}
