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

/**
 * The live connection: `idle` when nothing is followed (the client closes its socket when the last subscription
 * ends), `refused` when the gateway turned the key away (it is not retried), `retrying` only when a connection
 * that should be open dropped.
 */
export type ConnectionState = 'idle' | 'connecting' | 'live' | 'retrying' | 'refused';

/** The close codes of a connection the gateway refused: a bad or revoked key, a malformed handshake. */
const REFUSED = [4400, 4401, 4403];
/** A normal closure: the client's own, when its last subscription ended or it was disposed. */
const NORMAL_CLOSURE = 1000;

const closeCode = (event: unknown): number | undefined =>
  typeof event === 'object' && event !== null && typeof (event as { code?: unknown }).code === 'number'
    ? (event as { code: number }).code
    : undefined;

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

  /** Calls `onData` for each result; a lost connection is retried for ever (a refused key never), and the state says so. */
  subscribe<T>(query: string, variables: Record<string, unknown>, onData: (data: T) => void): () => void {
    return this.client().subscribe<T>(
      { query, variables },
      {
        next: (result) => {
          if (result.data) {
            onData(result.data);
          }
        },
        // A closed or refused connection is reported by the connection state; nothing else ends a subscription.
        error: () => undefined,
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
        shouldRetry: (event) => !REFUSED.includes(closeCode(event) ?? 0),
        retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(10_000, 500 * 2 ** retries))),
        on: {
          connecting: () => emit('connecting'),
          connected: () => emit('live'),
          closed: (event) => {
            const code = closeCode(event);
            emit(code === NORMAL_CLOSURE ? 'idle' : REFUSED.includes(code ?? 0) ? 'refused' : 'retrying');
          },
        },
      });
    }
    return this.ws;
  }
}
