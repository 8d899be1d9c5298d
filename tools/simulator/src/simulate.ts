/** The feed simulator's traffic generator: pure, deterministic for a seed, no I/O. */
import { CORRIDORS, encodePayload, type Corridor } from '@mmt/contracts';
import { CHINA_EUROPE_TRAIN_SIZE, chinaEuropeTrain } from './china-europe';
import { addDuplicates, delayManifests, displace, insertRandomly, type Outgoing } from './disorder';
import { Feed } from './feed';
import { makeInvalid } from './invalid';
import { landSeaTrain } from './land-sea';
import { Prng } from './prng';
import { HOUR } from './time';
import type { Simulation, SimulationOptions } from './types';
import { yangtzeBarge } from './yangtze';

export const DEFAULT_SIMULATION: SimulationOptions = {
  journeys: 60,
  seed: 1,
  start: '2026-03-02T09:00:00+08:00',
  shuffle: 0,
  duplicates: 0,
  lateManifests: 0,
  conveyanceReports: false,
  invalid: 0,
  // The demo feed revises some timetables and port-call schedules, as operators do.
  scheduleChanges: 0.3,
};

/** Group sizes other than the China-Europe block train (clamped to the journeys left). */
const GROUP_SIZE: Readonly<Record<Corridor, readonly [number, number]>> = {
  CHINA_EUROPE_RAIL: CHINA_EUROPE_TRAIN_SIZE,
  LAND_SEA_CORRIDOR: [8, 30],
  YANGTZE_RIVER_SEA: [8, 30],
};

/** What the first round keeps back for each corridor still to come. */
const MIN_FIRST_GROUP = 8;

const GENERATE: Readonly<Record<Corridor, (feed: Feed, size: number, depart: number) => number>> = {
  CHINA_EUROPE_RAIL: chinaEuropeTrain,
  LAND_SEA_CORRIDOR: landSeaTrain,
  YANGTZE_RIVER_SEA: yangtzeBarge,
};

function checkOptions(options: SimulationOptions): number {
  if (!Number.isInteger(options.journeys) || options.journeys < 0) {
    throw new RangeError(`journeys must be a whole number >= 0, not ${options.journeys}`);
  }
  for (const share of ['shuffle', 'duplicates', 'lateManifests', 'invalid', 'scheduleChanges'] as const) {
    const value = options[share] ?? 0;
    if (!(value >= 0 && value <= 1)) {
      throw new RangeError(`${share} must be a share between 0 and 1, not ${value}`);
    }
  }
  const start = Date.parse(options.start);
  if (Number.isNaN(start)) {
    throw new RangeError(`start must be an ISO 8601 time, not ${JSON.stringify(options.start)}`);
  }
  return start;
}

/**
 * Generates the traffic of `journeys` container journeys: trains, barges and vessels take turns
 * (China-Europe rail only while 40 or more journeys are left), departing 4-16 hours apart from `start`.
 * The disorder options do not change the valid traffic: the same seed always gives the same validMessages.
 */
export function simulate(options: SimulationOptions): Simulation {
  const start = checkOptions(options);
  const feed = new Feed(
    new Prng(options.seed),
    options.conveyanceReports,
    options.scheduleChanges ?? 0,
    (options.seed >>> 0).toString(36),
  );
  const journeysByCorridor: Record<Corridor, number> = {
    CHINA_EUROPE_RAIL: 0,
    LAND_SEA_CORRIDOR: 0,
    YANGTZE_RIVER_SEA: 0,
  };
  let left = options.journeys;
  let depart = start;
  for (let turn = 0; left > 0; turn += 1) {
    const corridor = CORRIDORS[turn % CORRIDORS.length];
    const [min, max] = GROUP_SIZE[corridor];
    if (corridor === 'CHINA_EUROPE_RAIL' && left < min) {
      continue;
    }
    // The first round leaves room for a group of each corridor still to come.
    const reserved = turn < CORRIDORS.length - 1 ? (CORRIDORS.length - 1 - turn) * MIN_FIRST_GROUP : 0;
    const size = Math.min(Math.max(left - reserved, min), feed.rng.int(min, max));
    const carried = GENERATE[corridor](feed, Math.min(left, size), depart);
    journeysByCorridor[corridor] += carried;
    left -= carried;
    depart += feed.rng.between(4, 16) * HOUR;
  }

  const produced = feed.out
    .map((emitted, i) => ({ emitted, i }))
    .sort((a, b) => a.emitted.sentAtMs - b.emitted.sentAtMs || a.i - b.i)
    .map((entry) => entry.emitted);
  let stream: Outgoing[] = produced.map((emitted) => ({
    message: emitted.message,
    sim: {
      topic: emitted.topic,
      key: emitted.key,
      value: encodePayload(emitted.topic, emitted.message),
      valid: true,
    },
  }));
  const disorder = Prng.derive(options.seed, 0x5eed_d15);
  stream = addDuplicates(stream, options.duplicates, disorder);
  stream = displace(stream, options.shuffle, disorder);
  stream = delayManifests(stream, options.lateManifests, disorder);
  const invalid = makeInvalid(produced, Math.round(options.invalid * produced.length), disorder);
  stream = insertRandomly(
    stream,
    invalid.map((sim) => ({ sim })),
    disorder,
  );

  return {
    messages: stream.map((item) => item.sim),
    validMessages: produced.map((emitted) => emitted.message),
    containers: feed.containers,
    journeysByCorridor,
    truth: feed.truth,
  };
}
