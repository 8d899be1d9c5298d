import type { ApolloServerPlugin, BaseContext, GraphQLRequestListener } from '@apollo/server';
import {
  defaultFieldResolver,
  GraphQLError,
  isObjectType,
  type GraphQLFieldResolver,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';

export const QUERY_TOO_SLOW = 'QUERY_TOO_SLOW';

/**
 * The time one request may take, from when Apollo starts it (after authentication) until its answer. Parsing
 * and validation count against it too; both are linear in the document's size (see `query-limits.ts`), so
 * they cannot hold the process for long. Once the budget is spent, every field still waiting for the store
 * fails with a QUERY_TOO_SLOW error at the moment the budget runs out, and no further resolver starts: the
 * caller gets its answer on time and the store work it started stops mattering to the gateway.
 */
export class RequestBudget {
  readonly deadline: number;
  private timer?: NodeJS.Timeout;
  private expiry?: Promise<never>;

  constructor(
    readonly budgetMs: number,
    start = Date.now(),
  ) {
    this.deadline = start + budgetMs;
  }

  error(): GraphQLError {
    return new GraphQLError(`Query exceeded the time budget of ${this.budgetMs} ms per request`, {
      extensions: { code: QUERY_TOO_SLOW },
    });
  }

  /** Throws once the budget is spent: called before each resolver starts. */
  check(): void {
    if (Date.now() >= this.deadline) {
      throw this.error();
    }
  }

  /** The value, or the budget's error if the deadline comes first. */
  race<T>(value: PromiseLike<T>): Promise<T> {
    if (this.expiry === undefined) {
      // One timer per request, shared by every field that waits.
      this.expiry = new Promise<never>((_, reject) => {
        this.timer = setTimeout(() => reject(this.error()), Math.max(0, this.deadline - Date.now()));
        this.timer.unref();
      });
      this.expiry.catch(() => undefined); // a request that ended before its deadline leaves no rejection behind
    }
    return Promise.race([value, this.expiry]);
  }

  end(): void {
    clearTimeout(this.timer);
  }
}

const budgets = new WeakMap<object, RequestBudget>();

function budgetOf(context: unknown): RequestBudget | undefined {
  return typeof context === 'object' && context !== null ? budgets.get(context) : undefined;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/**
 * Makes every field of the schema's own object types keep to its request's budget (in place; returns the
 * schema). Fields resolved outside an Apollo request with a budget, such as the events of a graphql-ws
 * subscription, are unchanged; so are the Subscription root and the introspection types.
 */
export function withTimeBudget(schema: GraphQLSchema): GraphQLSchema {
  const subscription = schema.getSubscriptionType();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || type === subscription) {
      continue;
    }
    for (const field of Object.values(type.getFields())) {
      const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        const budget = budgetOf(context);
        if (budget === undefined) {
          return resolve(source, args, context, info);
        }
        budget.check();
        const result: unknown = resolve(source, args, context, info);
        return isPromiseLike(result) ? budget.race(result) : result;
      };
    }
  }
  return schema;
}

/** The same error at many fields is one fact: the answer carries the first of them only. */
function onceOnly(errors: readonly GraphQLFormattedError[]): GraphQLFormattedError[] {
  let seen = false;
  return errors.filter((error) => {
    if (error.extensions?.code !== QUERY_TOO_SLOW) {
      return true;
    }
    const first = !seen;
    seen = true;
    return first;
  });
}

/** Gives each HTTP request a budget of `budgetMs` (see `RequestBudget`). Pair it with `withTimeBudget`. */
export function timeBudgetPlugin(budgetMs: number): ApolloServerPlugin<BaseContext> {
  return {
    requestDidStart(requestContext): Promise<GraphQLRequestListener<BaseContext>> {
      const budget = new RequestBudget(budgetMs);
      budgets.set(requestContext.contextValue, budget);
      return Promise.resolve({
        willSendResponse({ response }): Promise<void> {
          budget.end();
          if (response.body?.kind === 'single' && response.body.singleResult.errors !== undefined) {
            response.body.singleResult = {
              ...response.body.singleResult,
              errors: onceOnly(response.body.singleResult.errors),
            };
          }
          return Promise.resolve();
        },
      });
    },
  };
}
