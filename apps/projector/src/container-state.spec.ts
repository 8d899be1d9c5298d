import type { TrackingEvent } from '@mmt/contracts';
import { type ContainerState, ContainerStateCache } from './container-state';

function state(events: number): ContainerState {
  return {
    events: new Map(Array.from({ length: events }, (_, i) => [`e${i}`, {} as TrackingEvent])),
    journeys: new Map(),
  };
}

describe(ContainerStateCache.name, () => {
  it('drops the least recently used containers once it holds more events than its budget', () => {
    const cache = new ContainerStateCache(10);
    cache.set('A', state(4));
    cache.set('B', state(4));
    expect(cache.get('A')).toBeDefined(); // A is now the most recently used
    cache.set('C', state(4));
    expect(cache.get('B')).toBeUndefined();
    expect(cache.get('A')).toBeDefined();
    expect(cache.get('C')).toBeDefined();
  });

  it('counts a replaced state once, and keeps a container larger than the budget until the next one comes', () => {
    const cache = new ContainerStateCache(10);
    cache.set('A', state(4));
    cache.set('A', state(6));
    cache.set('B', state(4));
    expect(cache.size).toBe(2);
    cache.set('HUGE', state(50));
    expect(cache.size).toBe(1);
    expect(cache.get('HUGE')).toBeDefined();
  });

  it('forgets everything on clear', () => {
    const cache = new ContainerStateCache();
    cache.set('A', state(1));
    cache.clear();
    expect(cache.get('A')).toBeUndefined();
  });
});
