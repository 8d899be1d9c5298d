import type { Document } from 'mongodb';
import type { Connection } from 'mongoose';

/** A read as a repository or query class sent it: collection, filter, projection and sort. */
export interface RecordedQuery {
  readonly collection: string;
  readonly filter: Document;
  readonly projection?: Document;
  sort?: Document;
}

/** What the store's explain('executionStats') says about one recorded read. */
export interface QueryPlan {
  readonly query: RecordedQuery;
  /** Every stage of the winning plan, outermost first, e.g. ['SORT', 'FETCH', 'IXSCAN']. */
  readonly stages: string[];
  readonly indexName?: string;
  readonly docsExamined: number;
  readonly returned: number;
}

/** The parts of an explain('executionStats') answer read here. */
interface Explained {
  queryPlanner?: { winningPlan?: PlanStage & { queryPlan?: PlanStage } };
  executionStats?: { totalDocsExamined?: number; nReturned?: number };
}

interface PlanStage {
  stage?: string;
  indexName?: string;
  inputStage?: PlanStage;
}

/**
 * A connection that hands out collections recording every find / findOne (and the cursor's sort) before
 * passing it on, so a test can run the real query classes and then ask the store how it served each read.
 */
export class QueryRecorder {
  readonly queries: RecordedQuery[] = [];
  readonly connection: Connection;

  constructor(private readonly target: Connection) {
    this.connection = new Proxy(target, {
      get: (conn, property, receiver) =>
        property === 'collection'
          ? (name: string) => this.recording(name, conn.collection(name))
          : (Reflect.get(conn, property, receiver) as unknown),
    });
  }

  /** Runs `action` and returns the reads it made. */
  async during(action: () => Promise<unknown>): Promise<RecordedQuery[]> {
    const start = this.queries.length;
    await action();
    return this.queries.slice(start);
  }

  /** The plan of each read, from explain('executionStats') on the same collection. */
  async plans(queries: readonly RecordedQuery[]): Promise<QueryPlan[]> {
    const plans: QueryPlan[] = [];
    for (const query of queries) {
      const cursor = this.target.db!.collection(query.collection).find(query.filter, { projection: query.projection });
      const explained = (await (query.sort ? cursor.sort(query.sort) : cursor).explain('executionStats')) as Explained;
      const stages: string[] = [];
      let indexName: string | undefined;
      // MongoDB 7 nests the classic plan under queryPlan when its slot-based engine runs the query.
      const winning = explained.queryPlanner?.winningPlan;
      for (let stage = winning?.queryPlan ?? winning; stage; stage = stage.inputStage) {
        stages.push(String(stage.stage));
        indexName ??= stage.indexName;
      }
      plans.push({
        query,
        stages,
        indexName,
        docsExamined: Number(explained.executionStats?.totalDocsExamined ?? NaN),
        returned: Number(explained.executionStats?.nReturned ?? NaN),
      });
    }
    return plans;
  }

  private recording<T extends object>(name: string, collection: T): T {
    const record = (filter: Document | undefined, options: Document | undefined) => {
      const projection = options?.projection as Document | undefined;
      const query: RecordedQuery = { collection: name, filter: filter ?? {}, projection };
      this.queries.push(query);
      return query;
    };
    return new Proxy(collection, {
      get: (target, property, receiver) => {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof value !== 'function') {
          return value;
        }
        if (property === 'findOne') {
          return (filter?: Document, options?: Document) => {
            record(filter, options);
            return (value as (f?: Document, o?: Document) => unknown).call(target, filter, options);
          };
        }
        if (property === 'find') {
          return (filter?: Document, options?: Document) => {
            const query = record(filter, options);
            const cursor = (value as (f?: Document, o?: Document) => { sort(spec: Document): unknown }).call(
              target,
              filter,
              options,
            );
            const sort = cursor.sort.bind(cursor);
            cursor.sort = (spec: Document) => {
              query.sort = spec;
              return sort(spec);
            };
            return cursor;
          };
        }
        return value;
      },
    });
  }
}
