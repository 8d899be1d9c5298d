/**
 * Failpoints: a test-only way to make one named write step fail, to prove that every consumer survives a
 * failure at that step and its retry. A step is wrapped in `atFailpoint(name, call)`; it runs the call
 * untouched unless the failpoint is armed, by `MMT_FAILPOINTS` when the process starts or by `armFailpoints`
 * in a test that runs services in its own process.
 *
 *   MMT_FAILPOINTS=projector.saveJourneys:once              the first call fails, before it reaches the store
 *   MMT_FAILPOINTS=projector.saveJourneys:once-after@3      the 3rd call is made, then fails as if its answer was lost
 *   MMT_FAILPOINTS=a.b:once,c.d:once@2                      several at once
 *
 * Off in production: with nothing armed, `atFailpoint` is one Map lookup before the call.
 */

export class FailpointError extends Error {
  override readonly name = 'FailpointError';
}

type Moment = 'before' | 'after';

interface Armed {
  readonly moment: Moment;
  /** The call that fails (1 = the first call after arming). */
  readonly hit: number;
  calls: number;
  fired: number;
}

const armed = new Map<string, Armed>();

const SPEC = /^([a-z][\w-]*(?:\.[a-z][\w-]*)+):(once|once-after)(?:@([1-9]\d*))?$/i;

/** Arms the failpoints of a spec such as `projector.saveJourneys:once,webhooks.insertFeed:once-after@2`. */
export function armFailpoints(spec: string): void {
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0)) {
    const match = SPEC.exec(part);
    if (match === null) {
      throw new Error(
        `MMT_FAILPOINTS: "${part}" is not <service>.<step>:once or :once-after, optionally @<n> (the n-th call)`,
      );
    }
    armed.set(match[1], {
      moment: match[2] === 'once' ? 'before' : 'after',
      hit: Number(match[3] ?? 1),
      calls: 0,
      fired: 0,
    });
  }
}

/** Disarms every failpoint. */
export function disarmFailpoints(): void {
  armed.clear();
}

/** How many times this failpoint has failed a call since it was armed. */
export function failpointFired(name: string): number {
  return armed.get(name)?.fired ?? 0;
}

/**
 * Runs `call` at the named step. An armed failpoint fails its chosen call once: before the call (nothing is
 * written), or after it (the write is done, but the caller sees an error, as when a connection drops before
 * the answer).
 */
export async function atFailpoint<T>(name: string, call: () => Promise<T>): Promise<T> {
  const point = armed.get(name);
  if (point === undefined) {
    return call();
  }
  point.calls += 1;
  const fails = point.calls === point.hit;
  if (fails && point.moment === 'before') {
    point.fired += 1;
    throw new FailpointError(`failpoint ${name}: call ${point.calls} failed before it was made`);
  }
  const result = await call();
  if (fails) {
    point.fired += 1;
    throw new FailpointError(`failpoint ${name}: call ${point.calls} was made, then failed`);
  }
  return result;
}

const fromEnvironment = process.env.MMT_FAILPOINTS;
if (fromEnvironment !== undefined && fromEnvironment.trim() !== '') {
  armFailpoints(fromEnvironment);
}
