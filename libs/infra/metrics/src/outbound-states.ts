/**
 * Whether each outbound connection of this process that does not run through Kafka (the SMTP server of the
 * notification e-mails) works: what readiness reports beside the store and the consumers. Only what a process
 * sets is reported; a process that sends no e-mail has none.
 */
const states = new Map<string, { ready: boolean; detail: Readonly<Record<string, unknown>> }>();

export function setOutboundState(name: string, ready: boolean, detail: Readonly<Record<string, unknown>>): void {
  states.set(name, { ready, detail });
}

export function forgetOutbound(name: string): void {
  states.delete(name);
}

export function outboundStates(): ReadonlyMap<string, { ready: boolean; detail: Readonly<Record<string, unknown>> }> {
  return states;
}
