import { RAW_TOPICS, TOPICS, type RawMessage } from '@mmt/contracts';
import {
  component,
  D95B_DATE_TIME_FORMATS,
  D95B_DATE_TIME_QUALIFIERS,
  D95B_DOCUMENT_NAMES,
  D95B_LOCATION_QUALIFIERS,
  D95B_REFERENCE_QUALIFIERS,
  DATE_TIME_FORMATS,
  DATE_TIME_QUALIFIERS,
  DOCUMENT_NAME_CODES,
  LOCATION_QUALIFIERS,
  readInterchange,
  readSegments,
  REFERENCE_QUALIFIERS,
  SMDG_DATE_TIME_QUALIFIERS,
  SMDG_DOCUMENT_NAMES,
  SMDG_LOCATION_QUALIFIERS,
  type Segment,
  type SmdgCode,
} from '@mmt/edifact';
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

  it('writes in each message only codes of the directory its UNH names: D.95B and the SMDG guides, or D.00B', () => {
    const simulation = simulate({ ...DEFAULT_SIMULATION, journeys: 30, seed: 5, conveyanceReports: true });
    const rendered = asEdifact(simulation.messages).filter((m) => m.topic === TOPICS.rawEdifact);
    // Each coded element checked: the segment, its qualifier's place, and the lists of each directory.
    const checks: {
      tag: string;
      code: (s: Segment) => string;
      d95b: Readonly<Record<string, string>>;
      smdg: Readonly<Record<string, SmdgCode>>;
      d00b: Readonly<Record<string, string>>;
    }[] = [
      {
        tag: 'BGM',
        code: (s) => component(s, 1),
        d95b: D95B_DOCUMENT_NAMES,
        smdg: SMDG_DOCUMENT_NAMES,
        d00b: DOCUMENT_NAME_CODES,
      },
      {
        tag: 'DTM',
        code: (s) => component(s, 1),
        d95b: D95B_DATE_TIME_QUALIFIERS,
        smdg: SMDG_DATE_TIME_QUALIFIERS,
        d00b: DATE_TIME_QUALIFIERS,
      },
      { tag: 'DTM', code: (s) => component(s, 1, 3), d95b: D95B_DATE_TIME_FORMATS, smdg: {}, d00b: DATE_TIME_FORMATS },
      {
        tag: 'LOC',
        code: (s) => component(s, 1),
        d95b: D95B_LOCATION_QUALIFIERS,
        smdg: SMDG_LOCATION_QUALIFIERS,
        d00b: LOCATION_QUALIFIERS,
      },
      {
        tag: 'RFF',
        code: (s) => component(s, 1),
        d95b: D95B_REFERENCE_QUALIFIERS,
        smdg: {},
        d00b: REFERENCE_QUALIFIERS,
      },
    ];
    const written = new Map<string, Set<string>>();
    for (const message of rendered) {
      const { segments, failure } = readSegments(message.value.toString('utf8'));
      expect(failure).toBeUndefined();
      const unh = segments.find((s) => s.tag === 'UNH')!;
      const [type, release] = [component(unh, 2, 1), component(unh, 2, 3)];
      expect([type, release]).toEqual([type, type === 'IFTSTA' ? '00B' : '95B']);
      for (const check of checks) {
        for (const segment of segments.filter((s) => s.tag === check.tag)) {
          const code = check.code(segment);
          const key = `${type} ${check.tag} ${code}`;
          written.set(type, (written.get(type) ?? new Set()).add(`${check.tag}+${code}`));
          if (release === '00B') {
            expect([key, Object.prototype.hasOwnProperty.call(check.d00b, code)]).toEqual([key, true]);
          } else if (!Object.prototype.hasOwnProperty.call(check.d95b, code)) {
            // Not in D.95B: then it is an SMDG guide's code, for this message.
            expect([key, check.smdg[code]?.messages.includes(type as 'COARRI') ?? false]).toEqual([key, true]);
          }
        }
      }
    }
    // COARRI and CODECO carry the SMDG guides' codes, none of UNTDID's later ones.
    expect([...(written.get('COARRI') ?? [])]).toEqual(
      expect.arrayContaining(['BGM+46', 'BGM+98', 'DTM+203', 'LOC+165']),
    );
    expect([...(written.get('CODECO') ?? [])]).toEqual(
      expect.arrayContaining(['BGM+34', 'BGM+36', 'DTM+7', 'LOC+165']),
    );
    for (const code of ['BGM+122', 'BGM+119', 'BGM+109', 'BGM+111', 'DTM+404', 'DTM+403', 'LOC+175']) {
      expect([...(written.get('COARRI') ?? []), ...(written.get('CODECO') ?? [])]).not.toContain(code);
    }
  });
});
