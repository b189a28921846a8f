/**
 * A local Lambda endpoint speaking the Invoke API
 * (`POST /2015-03-31/functions/<name>/invocations`), so cognito-local's triggers, the
 * local gateway and the real AWS SDK (`LambdaClient` with `endpoint`) all run the BUILT
 * bundles (`packages/<name>/dist/index.mjs`) the way Lambda would. Each function runs in
 * a worker thread with its own environment (see lambda-function.ts for why).
 *
 * Answers as Lambda does: the result JSON with 200; an unhandled error with 200,
 * `X-Amz-Function-Error: Unhandled` and `{ errorType, errorMessage, trace }`; unknown
 * functions with 404 `ResourceNotFoundException`; `X-Amz-Invocation-Type` `Event` with 202
 * (run in the background) and `DryRun` with 204. `X-Amz-Log-Type: Tail` is not supported
 * (logs go to `logs()` and the `onLog` sink instead).
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { BodyTooLargeError, close, listen, readBody, sendJson } from './http-io';
import { functionArn, LambdaFunction, type LambdaFunctionConfig, type LogSink } from './lambda-function';

export type { LambdaFunctionConfig } from './lambda-function';

/** Lambda's limit for a synchronous request payload. */
const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;
const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;
/** Lines kept per function for `logs()`. */
const LOG_LINES_KEPT = 500;

export interface LambdaInvokeServerOptions {
  /** The functions by name. */
  readonly functions: Readonly<Record<string, LambdaFunctionConfig>>;
  /** Loopback by default. */
  readonly host?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Called with every line a function logs; lines are kept for `logs()` either way. */
  readonly onLog?: LogSink;
}

export interface LambdaInvokeServer {
  /** `http://<host>:<port>`: the `endpoint` of a Lambda client. */
  readonly url: string;
  /** Lines the function has logged (the last 500). */
  logs(functionName: string): readonly string[];
  /** Changes a function's configuration (environment, bundle, ...); its next invocation is a cold start. */
  updateFunction(functionName: string, changes: Partial<LambdaFunctionConfig>): void;
  /** Cold starts of a function so far. */
  coldStarts(functionName: string): number;
  /** Stops the server and every function. Safe to call twice. */
  close(): Promise<void>;
}

/** The bundle `pnpm build` writes for a Lambda package of this repository. */
export function builtBundle(packageName: string, root = join(import.meta.dirname, '..', '..')): string {
  return join(root, 'packages', packageName, 'dist', 'index.mjs');
}

function awsError(res: ServerResponse, status: number, type: string, message: string): void {
  sendJson(
    res,
    status,
    { Type: 'User', message },
    { 'x-amzn-errortype': type, 'x-amzn-requestid': randomUUID() },
  );
}

/** `name`, `name:qualifier` or a function ARN -> the function name. */
function functionName(segment: string): string {
  const decoded = decodeURIComponent(segment);
  const arn = /^arn:aws:lambda:[^:]+:\d+:function:([^:]+)(?::.+)?$/.exec(decoded);
  if (arn?.[1]) return arn[1];
  return decoded.split(':')[0] ?? decoded;
}

/** Starts the server; resolves once it is listening. */
export async function startLambdaInvokeServer(
  options: LambdaInvokeServerOptions,
): Promise<LambdaInvokeServer> {
  const kept = new Map<string, string[]>();
  const log: LogSink = (name, line) => {
    const lines = kept.get(name) ?? [];
    lines.push(line);
    if (lines.length > LOG_LINES_KEPT) lines.shift();
    kept.set(name, lines);
    options.onLog?.(name, line);
  };
  const functions = new Map<string, LambdaFunction>();
  for (const [name, config] of Object.entries(options.functions)) {
    if (!existsSync(config.bundle)) {
      throw new Error(
        `local function ${name}: no bundle at ${config.bundle} (run ./scripts/pnpmw build first)`,
      );
    }
    functions.set(name, new LambdaFunction(name, config, log));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://local').pathname;
    const match = INVOKE_PATH.exec(path);
    if (req.method !== 'POST' || !match?.[1]) {
      awsError(res, 404, 'UnknownOperationException', 'Unknown operation');
      return;
    }
    const name = functionName(match[1]);
    const fn = functions.get(name);
    if (!fn) {
      awsError(res, 404, 'ResourceNotFoundException', `Function not found: ${functionArn(name)}`);
      return;
    }
    let body: Buffer;
    try {
      body = await readBody(req, MAX_PAYLOAD_BYTES);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      awsError(
        res,
        413,
        'RequestTooLargeException',
        'Request must be smaller than 6291456 bytes for the InvokeFunction operation',
      );
      return;
    }
    const text = body.length === 0 ? '{}' : body.toString('utf8');
    try {
      JSON.parse(text);
    } catch {
      awsError(res, 400, 'InvalidRequestContentException', 'Could not parse request body into json');
      return;
    }
    const type = req.headers['x-amz-invocation-type'] ?? 'RequestResponse';
    const headers = { 'x-amz-executed-version': '$LATEST', 'x-amzn-requestid': randomUUID() };
    if (type === 'DryRun') {
      res.writeHead(204, headers).end();
      return;
    }
    if (type === 'Event') {
      void fn.invoke(text);
      res.writeHead(202, headers).end();
      return;
    }
    if (type !== 'RequestResponse') {
      awsError(res, 400, 'InvalidParameterValueException', `Unsupported invocation type ${String(type)}`);
      return;
    }
    const result = await fn.invoke(text);
    const payload = result.ok ? result.payload : JSON.stringify(result.error);
    res.writeHead(200, {
      ...headers,
      ...(result.ok ? {} : { 'x-amz-function-error': 'Unhandled' }),
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(payload)),
    });
    res.end(payload);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) awsError(res, 500, 'ServiceException', (error as Error).message);
      else res.destroy();
    });
  });
  const host = options.host ?? '127.0.0.1';
  const port = await listen(server, options.port ?? 0, host);
  let closing: Promise<void> | undefined;
  const known = (name: string) => {
    const fn = functions.get(name);
    if (!fn) throw new Error(`no local function named ${name}`);
    return fn;
  };
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    logs: (name) => [...(kept.get(name) ?? [])],
    updateFunction: (name, changes) => known(name).update(changes),
    coldStarts: (name) => known(name).coldStarts,
    close: () => {
      closing ??= Promise.all([close(server), ...[...functions.values()].map((fn) => fn.stop())]).then(
        () => {},
      );
      return closing;
    },
  };
}
