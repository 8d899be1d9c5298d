import { RAW_TOPICS, TOPICS, type RawMessage } from '@mmt/contracts';
import { readInterchange } from '@mmt/edifact';
import { asEdifact } from './edifact';
import { DEFAULT_SIMULATION, simulate } from './simulate';

describe('the simulated traffic as UN/EDIFACT (asEdifact)', () => {
  it.each([false, true])(
    'renders every loading, in-transit and manifest message as an interchange that maps back to it (conveyance reports: %s)',
    (conveyanceReports) => {
      const simulation = simulate({
        ...DEFAULT_SIMULATION,
        journeys: 45,
        seed: 11,
        conveyanceReports,
        duplicates: 0.1,
        invalid: 0.05,
      });
      const feed = asEdifact(simulation.messages);
      const rendered = feed.filter((m) => m.topic === TOPICS.rawEdifact);
      const kept = simulation.messages.filter((_, i) => feed[i].topic !== TOPICS.rawEdifact);
      expect(rendered.length).toBeGreaterThan(simulation.messages.length * 0.6);
      expect(new Set(kept.filter((m) => m.valid).map((m) => m.topic))).toEqual(
        new Set([TOPICS.rawWaybill, TOPICS.rawSchedule]),
      );
      feed.forEach((message, i) => {
        if (message.topic !== TOPICS.rawEdifact) {
          return;
        }
        const original = simulation.messages[i];
        const outcome = readInterchange(message.value);
        expect(outcome.reasons).toEqual([]);
        expect(outcome.mapped).toEqual([
          {
            topic: original.topic,
            key: original.key,
            message: JSON.parse(original.value.toString('utf8')) as RawMessage,
          },
        ]);
      });
      expect(RAW_TOPICS).not.toContain(TOPICS.rawEdifact);
    },
  );

  it('renders a duplicate as the same interchange, control reference and all', () => {
    const simulation = simulate({ ...DEFAULT_SIMULATION, journeys: 20, seed: 3, duplicates: 0.3 });
    const feed = asEdifact(simulation.messages).filter((m) => m.topic === TOPICS.rawEdifact);
    const texts = feed.map((m) => m.value.toString('utf8'));
    expect(new Set(texts).size).toBeLessThan(texts.length);
    const refs = new Map(texts.map((t) => [/UNB\+[^']*\+([0-9A-F]{14})'/.exec(t)?.[1], t]));
    expect(refs.size).toBe(new Set(texts).size);
  });
});
