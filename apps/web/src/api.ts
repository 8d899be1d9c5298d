import { createClient, type Client } from 'graphql-ws';

/** A GraphQL error the page explains to a person: its code (UNAUTHENTICATED, NOT_FOUND, FORBIDDEN, …) and message. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface Answer<T> {
  readonly data?: T | null;
  readonly errors?: readonly { readonly message: string; readonly extensions?: { readonly code?: string } }[];
}

export type ConnectionState = 'connecting' | 'live' | 'retrying';

/** The public GraphQL API, with the user's key: queries over HTTP, subscriptions over graphql-ws. */
export class Api {
  private ws?: Client;
  private readonly listeners = new Set<(state: ConnectionState) => void>();

  constructor(readonly apiKey: string) {}

  async query<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': this.apiKey },
      body: JSON.stringify({ query, variables }),
    });
    const answer = (await response.json()) as Answer<T>;
    const error = answer.errors?.[0];
    if (error !== undefined) {
      throw new ApiError(error.extensions?.code ?? 'ERROR', error.message);
    }
    return answer.data as T;
  }

  /** Calls `onData` for each result; a lost connection is retried for ever, and `onState` says so. */
  subscribe<T>(query: string, variables: Record<string, unknown>, onData: (data: T) => void): () => void {
    return this.client().subscribe<T>(
      { query, variables },
      {
        next: (result) => {
          if (result.data) {
            onData(result.data);
          }
        },
        error: (error) => console.error('subscription ended', error),
        complete: () => undefined,
      },
    );
  }

  onConnectionState(listener: (state: ConnectionState) => void): void {
    this.listeners.add(listener);
  }

  close(): void {
    void this.ws?.dispose();
  }

  private client(): Client {
    if (this.ws === undefined) {
      const emit = (state: ConnectionState) => this.listeners.forEach((l) => l(state));
      const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
      this.ws = createClient({
        url,
        connectionParams: { apiKey: this.apiKey },
        retryAttempts: Number.MAX_SAFE_INTEGER,
        shouldRetry: () => true,
        retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(10_000, 500 * 2 ** retries))),
        on: {
          connecting: () => emit('connecting'),
          connected: () => emit('live'),
          closed: () => emit('retrying'),
        },
      });
    }
    return this.ws;
  }
}
