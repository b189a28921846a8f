/// <reference path="./dynamodb-dynalite.d.ts" />
/**
 * DynamoDB for the local stack and integration tests: dynalite (an npm package speaking
 * the DynamoDB JSON protocol) on loopback, in memory or persisted to a LevelDB directory.
 * Point the real `@aws-sdk/client-dynamodb` at `endpoint` (or set `AWS_ENDPOINT_URL_DYNAMODB`).
 */
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';

export interface DynamoDbLocalOptions {
  /** Interface to listen on; loopback by default (never exposed without asking). */
  readonly host?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** LevelDB directory to persist tables in; in memory when absent. */
  readonly path?: string;
  /** How long a new table stays CREATING; 0 (default) makes it ACTIVE at once. */
  readonly createTableMs?: number;
}

export interface DynamoDbLocal {
  /** `http://<host>:<port>`, for `endpoint` / `AWS_ENDPOINT_URL_DYNAMODB`. */
  readonly endpoint: string;
  readonly host: string;
  readonly port: number;
  /** Stops listening, drops open connections and closes the store. Safe to call twice. */
  close(): Promise<void>;
}

/** The port is taken or the address cannot be bound; the message names both. */
export class DynamoDbLocalStartError extends Error {
  override readonly name = 'DynamoDbLocalStartError';
}

/** Starts dynalite and resolves once it is listening. */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const host = options.host ?? '127.0.0.1';
  const server = dynalite({
    createTableMs: options.createTableMs ?? 0,
    deleteTableMs: 0,
    updateTableMs: 0,
    ...(options.path === undefined ? {} : { path: options.path }),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const what = `DynamoDB (dynalite) cannot listen on ${host}:${options.port ?? 0}`;
      const why = error.code === 'EADDRINUSE' ? 'the port is already in use' : error.message;
      reject(new DynamoDbLocalStartError(`${what}: ${why}`, { cause: error }));
    });
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    host,
    port,
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        // dynalite's close stops the server, then closes its LevelDB store.
        server.close((error?: Error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/**
 * A DynamoDB client for a local endpoint: dummy credentials (dynalite checks none) and
 * a single attempt, so a test sees failures at once instead of after retries.
 */
export function localDynamoDbClient(endpoint: string, region = 'us-east-1'): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
}
