import type { Collection, Connection } from 'mongoose';
import type { TrackingEvent } from '@mmt/contracts';
import { upsertAllById } from './bulk-write';

/**
 * `container_events`: one document per container with all its events and the ids of the journeys they
 * fold into. It lets the projector read a container's history with one `_id` lookup (the only filter the
 * store serves without a scan). Only the projector that owns the container's partition writes it.
 */
export interface ContainerEvents {
  _id: string;
  events: TrackingEvent[];
  journeyVersions: Record<string, string>;
}

export class ContainerEventsRepository {
  private readonly collection: Collection<ContainerEvents>;

  constructor(connection: Connection) {
    this.collection = connection.collection<ContainerEvents>('container_events');
  }

  /** The documents of these containers; a container never seen gets an empty one. */
  async load(containerNos: readonly string[]): Promise<Map<string, ContainerEvents>> {
    const found = await Promise.all(containerNos.map((no) => this.collection.findOne({ _id: no })));
    return new Map(containerNos.map((no, i) => [no, found[i] ?? { _id: no, events: [], journeyVersions: {} }]));
  }

  async saveAll(documents: readonly ContainerEvents[]): Promise<void> {
    await upsertAllById(this.collection, documents);
  }

  async deleteAll(): Promise<void> {
    await this.collection.deleteMany({});
  }
}
