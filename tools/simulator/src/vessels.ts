/** Ocean vessels (valid IMO numbers) and Yangtze barges the simulator sails. */
import type { Conveyance } from '@mmt/contracts';
import type { Feed } from './feed';

/** IMO ship identification number: 6 digits and a check digit (weights 7..2, last digit of the sum). */
export function imoNumber(first6: string): string {
  let sum = 0;
  for (let i = 0; i < 6; i += 1) {
    sum += Number(first6[i]) * (7 - i);
  }
  return `${first6}${sum % 10}`;
}

const FLEET = ['932148', '941735', '978663', '965412', '947258', '935681', '958204', '970316'].map(imoNumber);
const BARGE_NAMES = ['YUGANG', 'CHUANJIANG', 'SANXIA', 'MINJIANG', 'CHANGAN'] as const;

/** A vessel on a fresh voyage, e.g. IMO 9321483 voyage `2603S`. */
export function vesselVoyage(feed: Feed, departureDate: string, bound: 'S' | 'E' | 'W'): Conveyance {
  const { rng } = feed;
  const yymm = departureDate.slice(2, 4) + departureDate.slice(5, 7);
  const pair = feed.unique(() => `${rng.pick(FLEET)}/${yymm}${rng.digits(2)}${bound}`);
  const [imo, voyage] = pair.split('/');
  return { mode: 'VESSEL', imo, voyage };
}

/** A Yangtze barge on a downstream voyage, e.g. `YUGANG 607` voyage `D2603`. */
export function bargeVoyage(feed: Feed, departureDate: string): Conveyance {
  const { rng } = feed;
  const yymm = departureDate.slice(2, 4) + departureDate.slice(5, 7);
  const pair = feed.unique(() => `${rng.pick(BARGE_NAMES)} ${rng.int(101, 899)}/D${yymm}${rng.digits(2)}`);
  const [name, voyage] = pair.split('/');
  return { mode: 'BARGE', name, voyage };
}
