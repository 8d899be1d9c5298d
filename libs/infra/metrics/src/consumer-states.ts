/** Whether each Kafka consumer of this process is running: what readiness reports. */
export type ConsumerState = 'starting' | 'running' | 'stopped' | 'crashed';

/**
 * A running consumer that has had no answer from the broker (a fetch or a heartbeat; an idle consumer has one
 * every few seconds) for this long is not ready: the broker is gone or unreachable, though the consumer has not
 * given up yet.
 */
export const BROKER_SILENCE_MS = Number(process.env.MMT_BROKER_SILENCE_MS ?? 15_000);

interface Entry {
  state: ConsumerState;
  detail?: string;
  /** When the broker last answered this consumer (ms since the epoch). */
  lastContact: number;
}

const states = new Map<string, Entry>();

export function setConsumerState(group: string, state: ConsumerState, detail?: string): void {
  states.set(group, { state, ...(detail === undefined ? {} : { detail }), lastContact: Date.now() });
}

/** The broker answered this consumer: a fetch or a heartbeat went through. */
export function noteBrokerContact(group: string): void {
  const entry = states.get(group);
  if (entry !== undefined) {
    entry.lastContact = Date.now();
  }
}

/** Forgets a consumer that was shut down on purpose (a clean stop is not a failure to report). */
export function forgetConsumer(group: string): void {
  states.delete(group);
}

/** Each consumer's state as readiness sees it: a running one the broker has not answered for long is `silent`. */
export function consumerStates(now = Date.now()): ReadonlyMap<string, { ready: boolean; detail: string }> {
  return new Map(
    [...states].map(([group, { state, detail, lastContact }]) => {
      const silentMs = now - lastContact;
      if (state === 'running' && silentMs > BROKER_SILENCE_MS) {
        return [group, { ready: false, detail: `no answer from the broker for ${Math.round(silentMs / 1000)} s` }];
      }
      return [group, { ready: state === 'running', detail: detail ?? state }];
    }),
  );
}
