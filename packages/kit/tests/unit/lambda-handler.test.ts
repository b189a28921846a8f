import { describe, expect, it } from '@jest/globals';
import type { Context } from 'aws-lambda';
import type { Classified } from '../../src/handler-middlewares';
import { annotate } from '../../src/handler-middlewares';
import { type ProxyResponse, respond } from '../../src/http-response';
import { HandlerTimeoutError, lambdaHandler, middyEdge } from '../../src/lambda-handler';
import type { Log } from '../../src/log';
import { outcomeOf, withOutcome } from '../../src/outcome';

class RefusedError extends Error {
  override readonly name = 'RefusedError';
}

interface Line {
  level: string;
  message: string;
  fields: Record<string, unknown>;
}

function recorder(): Log & { lines: Line[] } {
  const lines: Line[] = [];
  const at = (level: string) => (message: string, fields: Record<string, unknown>) => {
    lines.push({ level, message, fields });
  };
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

const classify = (error: unknown): Classified<ProxyResponse> => {
  if (error instanceof RefusedError)
    return { response: respond(403, '{}'), outcome: { reason: 'refused', level: 'warn' } };
  if (error instanceof HandlerTimeoutError)
    return { response: respond(503, '{}'), outcome: { reason: 'timeout', level: 'error' } };
  if (error instanceof TypeError) return { error: new Error('Unauthorized'), outcome: { reason: 'denied' } };
  return { response: respond(500, '{}'), outcome: { reason: 'internal-error', level: 'error' } };
};

const context = (remainingMs = 60_000) =>
  ({ awsRequestId: 'req-1', getRemainingTimeInMillis: () => remainingMs }) as unknown as Context;

function build(
  run: (input: string, context: Context) => Promise<ProxyResponse> | ProxyResponse,
  logger = recorder(),
) {
  const handler = lambdaHandler({
    service: 'demo',
    logger,
    adapt: (event) => {
      if (event === 'bad') throw new RefusedError('bad event');
      return String(event);
    },
    run,
    classify,
  });
  return { handler, logger };
}

describe('lambdaHandler', () => {
  it('returns the response and logs one line with its outcome, status and request id', async () => {
    const { handler, logger } = build((input, ctx) => {
      annotate(ctx, { tenantId: 'acme' });
      return withOutcome(respond(200, JSON.stringify(input)), { reason: 'ok', fields: { count: 1 } });
    });

    const response = await handler('hi', context());

    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('"hi"');
    expect(JSON.stringify(response)).not.toContain('ok');
    expect(logger.lines).toEqual([
      {
        level: 'info',
        message: 'demo',
        fields: { reason: 'ok', status: 200, requestId: 'req-1', tenantId: 'acme', count: 1 },
      },
    ]);
  });

  it('classifies an error thrown while adapting the event, keeping annotations out of the next call', async () => {
    const { handler, logger } = build(async () => respond(200, ''));

    const response = await handler('bad', context());
    await handler('fine');

    expect(response.statusCode).toBe(403);
    expect(outcomeOf(response)).toEqual({ reason: 'refused', level: 'warn' });
    expect(logger.lines.map((line) => [line.level, line.fields])).toEqual([
      ['warn', { reason: 'refused', status: 403, requestId: 'req-1' }],
      ['error', { reason: 'unclassified', status: 200 }],
    ]);
  });

  it('keeps fields annotated before a failure on the error line', async () => {
    const { handler, logger } = build(async (_input, ctx) => {
      annotate(ctx, { tenantId: 'acme' });
      annotate(ctx, { sub: 'u-1' });
      throw new Error('boom');
    });

    const response = await handler('x', context());

    expect(response.statusCode).toBe(500);
    expect(logger.lines[0]?.fields).toEqual({
      reason: 'internal-error',
      status: 500,
      requestId: 'req-1',
      tenantId: 'acme',
      sub: 'u-1',
    });
  });

  it('rethrows the error classify chooses, after logging it', async () => {
    const { handler, logger } = build(async () => {
      throw new TypeError('x');
    });

    await expect(handler('x', context())).rejects.toThrow('Unauthorized');
    expect(logger.lines).toEqual([
      { level: 'info', message: 'demo', fields: { reason: 'denied', requestId: 'req-1' } },
    ]);
  });

  it('answers a classified timeout before Lambda would time out', async () => {
    const { handler, logger } = build(() => new Promise<ProxyResponse>(() => {}));

    const response = await handler('x', context(300));

    expect(response.statusCode).toBe(503);
    expect(logger.lines[0]?.fields.reason).toBe('timeout');
  });

  it('adds the latency from the first middleware to the line when given a clock', async () => {
    const logger = recorder();
    let clock = 1000;
    const handler = lambdaHandler<string, ProxyResponse>({
      service: 'demo',
      logger,
      now: () => clock,
      adapt: String,
      run: async () => {
        clock += 42;
        return withOutcome(respond(200, ''), { reason: 'ok' });
      },
      classify,
    });

    await handler('x', context());

    expect(logger.lines[0]?.fields).toEqual({ reason: 'ok', status: 200, requestId: 'req-1', latencyMs: 42 });
  });

  it('uses the message an outcome names, else the service', async () => {
    const { handler, logger } = build(async () =>
      withOutcome(respond(200, ''), { reason: 'ok', message: 'tenant bound' }),
    );

    await handler('x', context());
    await handler('bad', context());

    expect(logger.lines.map((line) => line.message)).toEqual(['tenant bound', 'demo']);
  });

  it('answers even when the logger throws', async () => {
    const logger = recorder();
    logger.info = () => {
      throw new Error('log sink down');
    };
    const { handler } = build(async () => withOutcome(respond(200, ''), { reason: 'ok' }), logger);

    await expect(handler('x', context())).resolves.toMatchObject({ statusCode: 200 });
  });

  it('lets a team .use() its own middleware around the handler', async () => {
    const { handler } = build(async () => withOutcome(respond(200, ''), { reason: 'ok' }));
    const seen: string[] = [];
    handler.use({
      before: (request) => {
        seen.push(`before:${String(request.event)}`);
      },
      after: (request) => {
        seen.push(`after:${(request.response as ProxyResponse).statusCode}`);
      },
    });

    await handler('x', context());

    expect(seen).toEqual(['before:x', 'after:200']);
  });

  it('logs an error its classify could not map, by class name only', async () => {
    const logger = recorder();
    const handler = lambdaHandler<string, ProxyResponse>({
      service: 'demo',
      logger,
      adapt: String,
      run: async () => {
        throw new RangeError('secret detail');
      },
      classify: (error) => {
        throw error;
      },
    });

    await expect(handler('x', context())).rejects.toThrow('secret detail');
    expect(logger.lines).toEqual([
      {
        level: 'error',
        message: 'demo',
        fields: { reason: 'unclassified', requestId: 'req-1', errorName: 'RangeError' },
      },
    ]);
  });
});

describe('middyEdge', () => {
  it('passes event and context to the core and returns its answer, extensible with .use()', async () => {
    const seen: unknown[] = [];
    const handler = middyEdge(async (event, ctx) => ({ event, requestId: ctx.awsRequestId }));
    handler.use({
      before: (request) => {
        seen.push(request.event);
      },
    });

    await expect(handler('e', context())).resolves.toEqual({ event: 'e', requestId: 'req-1' });
    expect(seen).toEqual(['e']);
  });

  it('lets the core error through unchanged (the core classifies itself)', async () => {
    const handler = middyEdge(async () => {
      throw new Error('Unauthorized');
    });
    await expect(handler('e')).rejects.toThrow('Unauthorized');
  });
});
