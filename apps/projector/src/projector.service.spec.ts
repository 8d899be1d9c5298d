import type { TrackingEvent } from '@mmt/contracts';
import type { BatchContext } from '@mmt/kafka';
import type { ConsumedBatch, ConsumerRuntime, ConsumerServiceSpec } from '@mmt/platform';
import { ProjectorService } from './projector.service';

/** The projector's consumer spec, as it hands it to the runtime (no broker, no store: nothing is projected here). */
async function projectorSpec(): Promise<ConsumerServiceSpec<TrackingEvent>> {
  let spec: ConsumerServiceSpec<TrackingEvent> | undefined;
  const runtime = {
    start: (given: ConsumerServiceSpec<TrackingEvent>) => {
      spec = given;
      return Promise.resolve();
    },
  } as unknown as ConsumerRuntime;
  await new ProjectorService(runtime, {} as never, {} as never).onApplicationBootstrap();
  return spec!;
}

describe('ProjectorService', () => {
  it('fails a batch, neither holding nor writing it, when the group was joined again while it waited for more', async () => {
    const spec = await projectorSpec();
    const hold = jest.fn();
    const context: BatchContext = {
      topic: 'tracking.events.v1',
      partition: 0,
      isCurrent: () => true,
      heartbeat: () => Promise.resolve(),
      behind: 0,
      hold,
      // While it waits, the group is joined again (the same partitions back), and more events have come.
      waitForMore: () => {
        spec.tuning?.onAssignment?.();
        return Promise.resolve(500);
      },
    };
    const events = Array.from({ length: 10_000 }, (_, i) => ({ eventId: `e${i}` }) as TrackingEvent);
    const batch: ConsumedBatch<TrackingEvent> = [events, context, []];
    await expect(spec.handle(...batch)).rejects.toThrow(/rejoined its group/);
    expect(hold).not.toHaveBeenCalled();
  });
});
