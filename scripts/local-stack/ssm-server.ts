/**
 * A Parameter Store stand-in for the local stack and integration tests: an HTTP server
 * speaking the SSM JSON 1.1 protocol (`POST /`, `X-Amz-Target: AmazonSSM.<Operation>`,
 * `Content-Type: application/x-amz-json-1.1`), usable by the real `@aws-sdk/client-ssm`
 * with `endpoint` (or `AWS_ENDPOINT_URL_SSM`) pointed at it. Signatures are not checked.
 *
 * Operations: GetParameter, GetParameters, GetParametersByPath, PutParameter,
 * DeleteParameter, DeleteParameters (see ssm-operations.ts). Only node:http is used.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SsmError, type SsmInput } from './ssm-errors';
import { OPERATIONS, type SsmIdentity } from './ssm-operations';
import { ParameterStore } from './ssm-store';

export interface SsmServerOptions {
  /** Interface to listen on; loopback by default (never exposed without asking). */
  readonly host?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** JSON file to load at start and rewrite atomically after every change; memory only when absent. */
  readonly file?: string;
  /** Used in ARNs only. */
  readonly region?: string;
  readonly accountId?: string;
}

export interface SsmServer {
  /** `http://<host>:<port>`, for `endpoint` / `AWS_ENDPOINT_URL_SSM`. */
  readonly url: string;
  readonly port: number;
  /** The parameters, for seeding or inspection in-process. */
  readonly store: ParameterStore;
  /** Stops listening and drops open (keep-alive) connections. Safe to call more than once. */
  close(): Promise<void>;
}

const CONTENT_TYPE = 'application/x-amz-json-1.1';
const TARGET_PREFIX = 'AmazonSSM.';
/** SSM requests are small; anything over 1 MiB is refused before it is buffered. */
const MAX_BODY_BYTES = 1024 * 1024;

function send(res: ServerResponse, status: number, body: unknown, errorType?: string): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': CONTENT_TYPE,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
    ...(errorType === undefined ? {} : { 'x-amzn-errortype': errorType }),
  });
  res.end(text);
}

function sendError(res: ServerResponse, error: SsmError): void {
  send(res, error.status, { __type: error.type, message: error.message }, error.type);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        // Stop buffering, let the rest drain, and answer: the client sees a 413, not a reset.
        req.removeAllListeners('data');
        req.resume();
        reject(new SsmError('RequestEntityTooLargeException', 'Request body too large.', 413));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseInput(body: string): SsmInput {
  let input: unknown;
  try {
    input = body.trim() === '' ? {} : JSON.parse(body);
  } catch {
    throw new SsmError('SerializationException', 'Request body is not valid JSON.');
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new SsmError('SerializationException', 'Request body must be a JSON object.');
  }
  return input as SsmInput;
}

async function handle(req: IncomingMessage, res: ServerResponse, store: ParameterStore, id: SsmIdentity) {
  if (req.method !== 'POST') {
    throw new SsmError('UnknownOperationException', 'Only POST is supported.', 405);
  }
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (contentType !== CONTENT_TYPE) {
    throw new SsmError('SerializationException', `Content-Type must be ${CONTENT_TYPE}.`);
  }
  const target = req.headers['x-amz-target'];
  const name =
    typeof target === 'string' && target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
  const operation = OPERATIONS.get(name);
  if (!operation)
    throw new SsmError('UnknownOperationException', 'The requested operation is not supported.');
  const input = parseInput(await readBody(req));
  send(res, 200, operation(store, input, id));
}

/** Starts the stand-in. Resolves once it is listening. */
export async function startSsmServer(options: SsmServerOptions = {}): Promise<SsmServer> {
  const store = new ParameterStore(options.file);
  const id: SsmIdentity = {
    region: options.region ?? 'us-east-1',
    accountId: options.accountId ?? '000000000000',
  };
  const server = createServer((req, res) => {
    handle(req, res, store, id).catch((error: unknown) => {
      if (res.headersSent) return;
      if (error instanceof SsmError) sendError(res, error);
      else sendError(res, new SsmError('InternalServerError', 'Internal error in the stand-in.', 500));
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    store,
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
