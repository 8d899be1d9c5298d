/** What goes wrong between the sources and the broker: re-sends, displaced messages, late manifests. */
import { conveyanceKey, type RawMessage } from '@mmt/contracts';
import type { Prng } from './prng';
import type { SimulatedMessage } from './types';

/** A message on its way out; `message` is the parsed valid message (absent for invalid ones). */
export interface Outgoing {
  readonly sim: SimulatedMessage;
  readonly message?: RawMessage;
}

function sortByKey(items: readonly Outgoing[], keys: readonly number[]): Outgoing[] {
  return items
    .map((item, i) => ({ item, key: keys[i], i }))
    .sort((a, b) => a.key - b.key || a.i - b.i)
    .map((entry) => entry.item);
}

/** Re-sends `round(share * n)` messages (identical bytes) at random later positions. */
export function addDuplicates(items: readonly Outgoing[], share: number, rng: Prng): Outgoing[] {
  const n = items.length;
  const chosen = rng.sampleIndexes(n, Math.round(share * n));
  const all = [...items];
  const keys = items.map((_, i) => i);
  for (const index of chosen) {
    const original = items[index];
    all.push({ ...original, sim: { ...original.sim, value: Buffer.from(original.sim.value) } });
    keys.push(index + 0.5 + rng.next() * (n - index));
  }
  return sortByKey(all, keys);
}

/** Moves `round(share * n)` messages to random positions, earlier or later. */
export function displace(items: readonly Outgoing[], share: number, rng: Prng): Outgoing[] {
  const n = items.length;
  const keys = items.map((_, i) => i);
  for (const index of rng.sampleIndexes(n, Math.round(share * n))) {
    keys[index] = rng.next() * n;
  }
  return sortByKey(items, keys);
}

function movedConveyance(message: RawMessage | undefined): string | undefined {
  if (message === undefined) {
    return undefined;
  }
  switch (message.kind) {
    case 'IN_TRANSIT':
    case 'LOADING':
      return message.conveyance === undefined ? undefined : conveyanceKey(message.conveyance);
    case 'MANIFEST':
    case 'WAYBILL':
    case 'SCHEDULE':
      return undefined;
  }
}

/**
 * Takes `round(share * manifests)` manifests (every version and re-send of each) out of the stream and puts
 * them back just after the last movement (in-transit report or loading) of their conveyance.
 */
export function delayManifests(items: readonly Outgoing[], share: number, rng: Prng): Outgoing[] {
  const conveyanceOf = new Map<string, string>();
  for (const item of items) {
    if (item.message?.kind === 'MANIFEST') {
      conveyanceOf.set(item.message.manifestNo, conveyanceKey(item.message.conveyance));
    }
  }
  const moving = new Set(items.map((item) => movedConveyance(item.message)));
  const candidates = [...conveyanceOf.keys()].filter((no) => moving.has(conveyanceOf.get(no)));
  const late = new Set(
    rng.sampleIndexes(candidates.length, Math.round(share * candidates.length)).map((i) => candidates[i]),
  );
  const isLate = (item: Outgoing): boolean => item.message?.kind === 'MANIFEST' && late.has(item.message.manifestNo);

  const kept = items.filter((item) => !isLate(item));
  const lastMovement = new Map<string, number>();
  kept.forEach((item, i) => {
    const key = movedConveyance(item.message);
    if (key !== undefined) {
      lastMovement.set(key, i);
    }
  });
  const insertAfter = new Map<number, Outgoing[]>();
  const positionOf = new Map<string, number>();
  for (const item of items) {
    if (!isLate(item) || item.message?.kind !== 'MANIFEST') {
      continue;
    }
    const no = item.message.manifestNo;
    let position = positionOf.get(no);
    if (position === undefined) {
      const last = lastMovement.get(conveyanceKey(item.message.conveyance)) ?? kept.length - 1;
      position = last + rng.int(0, Math.min(10, kept.length - 1 - last));
      positionOf.set(no, position);
    }
    insertAfter.set(position, [...(insertAfter.get(position) ?? []), item]);
  }
  const out: Outgoing[] = [];
  kept.forEach((item, i) => {
    out.push(item, ...(insertAfter.get(i) ?? []));
  });
  return out;
}

/** Puts each of `extra` at a random position. */
export function insertRandomly(items: readonly Outgoing[], extra: readonly Outgoing[], rng: Prng): Outgoing[] {
  const keys = items.map((_, i) => i);
  const all = [...items, ...extra];
  for (let i = 0; i < extra.length; i += 1) {
    keys.push(rng.next() * (items.length + 1) - 0.5);
  }
  return sortByKey(all, keys);
}
