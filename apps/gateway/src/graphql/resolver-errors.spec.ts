import { type LoggerService, Logger } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { GraphQLError } from 'graphql';
import { DcsaExceptionFilter } from '../partners/dcsa-exception.filter';
import { badInput, cursorExpired, forbidden, notFound, unauthenticated } from '../graphql-errors';

/** Every line the app's loggers write, by level. */
class CapturedLog implements LoggerService {
  readonly lines: { level: string; message: unknown; params: unknown[] }[] = [];
  log = (message: unknown, ...params: unknown[]) => this.lines.push({ level: 'log', message, params });
  warn = (message: unknown, ...params: unknown[]) => this.lines.push({ level: 'warn', message, params });
  error = (message: unknown, ...params: unknown[]) => this.lines.push({ level: 'error', message, params });
}

/** What Nest hands the app's global filter when a resolver of `fieldName` throws. */
function resolverHost(fieldName: string): ExecutionContextHost {
  const host = new ExecutionContextHost([{}, {}, {}, { fieldName }]);
  host.setType('graphql');
  return host;
}

describe("a GraphQL caller's error as the gateway logs it (its global filter, DcsaExceptionFilter)", () => {
  const reply = jest.fn();
  const httpAdapter = { isHeadersSent: () => false, reply, end: jest.fn() };
  const filter = new DcsaExceptionFilter({ httpAdapter } as never);
  let log: CapturedLog;

  beforeEach(() => {
    log = new CapturedLog();
    Logger.overrideLogger(log);
    reply.mockClear();
  });

  it.each([
    cursorExpired('after: this cursor is too old'),
    badInput('first: must be between 1 and 100, got 0'),
    notFound('No journey of container CSQU3054383'),
    unauthenticated('Connection not authenticated'),
    forbidden('PARTNER may not ask for this'),
    new GraphQLError('This connection already has 20 subscriptions', {
      extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' },
    }),
  ])('a caller error ($extensions.code): rethrown, one info line with its code, no ERROR, no stack', (error) => {
    expect(() => filter.catch(error, resolverHost('trackingEvents'))).toThrow(error);
    expect(log.lines).toEqual([
      {
        level: 'log',
        message: {
          message: `trackingEvents refused: ${error.message}`,
          code: error.extensions.code,
          field: 'trackingEvents',
        },
        params: ['GraphQL'],
      },
    ]);
  });

  it.each([
    ['a store failure', new Error('connection pool closed')],
    ['a GraphQLError with no code', new GraphQLError('the projection is inconsistent')],
    ['an internal one', new GraphQLError('unexpected', { extensions: { code: 'INTERNAL_SERVER_ERROR' } })],
  ])('any other error stays an ERROR with its stack, as Nest logs it: %s', (_, error) => {
    expect(() => filter.catch(error, resolverHost('journeys'))).toThrow(error);
    expect(log.lines).toEqual([{ level: 'error', message: error, params: [undefined, 'ExceptionsHandler'] }]);
  });

  it.each([
    ['over the size limit', 413, 'request entity too large'],
    ['malformed JSON', 400, 'Unexpected token } in JSON at position 1'],
  ])('a POST to /graphql the body parser refuses (%s): answered as before, nothing logged', (_, status, message) => {
    const refusal = Object.assign(new Error(message), { status, statusCode: status, expose: true });
    const req = { url: '/graphql', originalUrl: '/graphql', method: 'POST' };
    const res = {};
    const host = new ExecutionContextHost([req, res, () => undefined]);
    host.setType('http');
    filter.catch(refusal, host);
    expect(reply).toHaveBeenCalledWith(res, { statusCode: status, message }, status);
    expect(log.lines).toEqual([]);
  });
});
