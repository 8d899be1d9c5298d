import {
  BROKER_SILENCE_MS,
  consumerStates,
  forgetConsumer,
  noteBrokerContact,
  setConsumerState,
} from './consumer-states';

describe('consumer states as readiness sees them', () => {
  afterEach(() => ['a', 'b'].forEach(forgetConsumer));

  it('a running consumer is ready while the broker answers, and not once it has been silent too long', () => {
    setConsumerState('a', 'running');
    const now = Date.now();
    expect(consumerStates(now).get('a')).toEqual({ ready: true, detail: 'running' });
    const later = now + BROKER_SILENCE_MS + 5000;
    expect(consumerStates(later).get('a')).toEqual({
      ready: false,
      detail: `no answer from the broker for ${Math.round((later - now) / 1000)} s`,
    });
    noteBrokerContact('a');
    expect(consumerStates(Date.now()).get('a')!.ready).toBe(true);
  });

  it('a starting or crashed consumer is not ready, whatever the broker said last', () => {
    setConsumerState('a', 'starting');
    setConsumerState('b', 'crashed', 'the group coordinator is gone');
    noteBrokerContact('b');
    expect(consumerStates().get('a')).toEqual({ ready: false, detail: 'starting' });
    expect(consumerStates().get('b')).toEqual({ ready: false, detail: 'the group coordinator is gone' });
  });
});
