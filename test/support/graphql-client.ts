import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface GraphQLResult<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export async function query<T>(
  url: string,
  apiKey: string | undefined,
  text: string,
  variables = {},
): Promise<GraphQLResult<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(apiKey ? { 'x-api-key': apiKey } : {}) },
    body: JSON.stringify({ query: text, variables }),
  });
  return (await response.json()) as GraphQLResult<T>;
}

export function wsClient(url: string, apiKey?: string): Client {
  return createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: apiKey ? { apiKey } : {},
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined,
  });
}

/** A live subscription that collects what it receives. */
export class Collector<T> {
  readonly items: T[] = [];
  readonly errors: unknown[] = [];
  completed = false;
  private readonly dispose: () => void;

  constructor(client: Client, text: string, variables: Record<string, unknown> = {}) {
    this.dispose = client.subscribe<T>(
      { query: text, variables },
      {
        next: (value) => {
          if (value.data) {
            this.items.push(value.data);
          }
          if (value.errors) {
            this.errors.push(...value.errors);
          }
        },
        error: (error) => this.errors.push(error),
        complete: () => {
          this.completed = true;
        },
      },
    );
  }

  stop(): void {
    this.dispose();
  }
}

export async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Resolves with the close code of a connection the server refuses. */
export function closeCodeOf(url: string, apiKey?: string): Promise<number> {
  return new Promise((resolve) => {
    const client = createClient({
      url: url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: apiKey ? { apiKey } : {},
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: (event) => resolve((event as { code?: number }).code ?? -1),
    });
    client.on('closed', (event) => {
      resolve((event as { code?: number }).code ?? -1);
      void client.dispose();
    });
  });
}
