/**
 * One local Lambda function: its built bundle running in a worker thread of its own.
 *
 * Why worker threads (and not `import()` in this process, nor child processes):
 * - Lambdas read `process.env` at module scope. A worker gets its own `process.env` (the
 *   `env` option), so two functions, or two configurations of one, never see each other's
 *   variables; an in-process `import()` would share one environment and one module cache.
 * - A worker has its own module registry: a new worker after `update()` is a real cold
 *   start (fresh module scope, fresh caches), as Lambda does after a configuration change.
 * - It can be terminated on a timeout, a crash or `process.exit()` stays inside it, and
 *   `resourceLimits` caps its heap like the function's memory setting.
 * - It starts in milliseconds and needs no TypeScript loader, unlike a child process.
 *
 * Invocations of one function run one at a time, in order, like one execution
 * environment. Environment variables start from Lambda's defaults with dummy local
 * credentials; nothing is inherited from this process, so developer credentials never
 * reach a local function.
 */
import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { LAMBDA_WORKER_SOURCE } from './lambda-worker-source';

export interface LambdaFunctionConfig {
  /** Absolute path of the built bundle (`packages/<name>/dist/index.mjs`). */
  readonly bundle: string;
  /** Exported handler name; `handler` by default. */
  readonly handler?: string;
  /** The function's environment variables, on top of Lambda's defaults. */
  readonly environment?: Readonly<Record<string, string>>;
  /** Function timeout; 10 s by default. */
  readonly timeoutMs?: number;
  /** Memory size: reported in the context and used as the worker's heap limit; 256 by default. */
  readonly memoryMb?: number;
}

/** What Lambda reports for an unhandled function error. */
export interface FunctionError {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace?: readonly string[];
}

export type InvocationResult =
  | { readonly ok: true; readonly payload: string }
  | { readonly ok: false; readonly error: FunctionError };

/** Receives each line a function writes to stdout or stderr. */
export type LogSink = (functionName: string, line: string) => void;

interface Pending {
  readonly resolve: (result: InvocationResult) => void;
  readonly timer: NodeJS.Timeout;
  readonly requestId: string;
  readonly worker: Worker;
}

type WorkerReply = { id: number; payload?: string; error?: FunctionError; init?: boolean };

const REGION = 'local';
const ACCOUNT = '000000000000';

/** The ARN a local function answers to. */
export function functionArn(name: string): string {
  return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
}

/** Lambda's reserved variables, as the nodejs22.x runtime sets them, with dummy credentials. */
function lambdaEnvironment(name: string, config: LambdaFunctionConfig): Record<string, string> {
  return {
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    AWS_LAMBDA_FUNCTION_NAME: name,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(config.memoryMb ?? 256),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${name}`,
    AWS_LAMBDA_LOG_STREAM_NAME: `local/[$LATEST]${name}`,
    LAMBDA_TASK_ROOT: dirname(config.bundle),
    ...(process.env.PATH ? { PATH: process.env.PATH } : {}),
    ...config.environment,
  };
}

/** A function backed by one worker at a time, started on first use. */
export class LambdaFunction {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  /** Cold starts so far (workers created). */
  coldStarts = 0;

  constructor(
    readonly name: string,
    private config: LambdaFunctionConfig,
    private readonly log: LogSink,
  ) {}

  /** Runs the function on a JSON event (text); invocations are serialised. */
  invoke(payload: string): Promise<InvocationResult> {
    const run = this.queue.then(() => this.run(payload));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Changes the configuration; the next invocation is a cold start with it. */
  update(changes: Partial<LambdaFunctionConfig>): void {
    this.config = { ...this.config, ...changes };
    void this.stop();
  }

  /** Stops the worker; pending invocations fail as if the environment had died. */
  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    const timeoutMs = this.config.timeoutMs ?? 10_000;
    const memoryMb = this.config.memoryMb ?? 256;
    const worker = new Worker(LAMBDA_WORKER_SOURCE, {
      eval: true,
      env: lambdaEnvironment(this.name, this.config),
      workerData: {
        bundleUrl: pathToFileURL(this.config.bundle).href,
        handlerName: this.config.handler ?? 'handler',
        functionName: this.name,
        functionArn: functionArn(this.name),
        memoryMb,
        timeoutMs,
      },
      // The bundle runs as Lambda runs it, without this process's flags (jest's VM modules).
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: memoryMb },
      stdout: true,
      stderr: true,
    });
    worker.unref();
    for (const stream of [worker.stdout, worker.stderr]) {
      createInterface({ input: stream }).on('line', (line) => this.log(this.name, line));
    }
    worker.on('message', (reply: WorkerReply) => this.settle(worker, reply));
    worker.on('error', (error) => this.crash(worker, `Error: Runtime exited with error: ${error.message}`));
    worker.on('exit', (code) => this.crash(worker, `Error: Runtime exited with error: exit status ${code}`));
    this.coldStarts += 1;
    return worker;
  }

  private run(payload: string): Promise<InvocationResult> {
    this.worker ??= this.start();
    const worker = this.worker;
    const id = this.nextId++;
    const requestId = randomUUID();
    const timeoutMs = this.config.timeoutMs ?? 10_000;
    return new Promise<InvocationResult>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        // A timed-out environment is not reused.
        if (this.worker === worker) this.worker = undefined;
        void worker.terminate();
        const seconds = (timeoutMs / 1000).toFixed(2);
        resolve({
          ok: false,
          error: {
            errorType: 'Sandbox.Timedout',
            errorMessage: `${requestId} Task timed out after ${seconds} seconds`,
          },
        });
      }, timeoutMs);
      this.pending.set(id, { resolve, timer, requestId, worker });
      worker.postMessage({ id, payload, requestId, deadline: Date.now() + timeoutMs });
    });
  }

  private settle(worker: Worker, reply: WorkerReply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    clearTimeout(pending.timer);
    // A failed init is retried on the next invocation, with a fresh environment.
    if (reply.init && this.worker === worker) {
      this.worker = undefined;
      void worker.terminate();
    }
    pending.resolve(
      reply.error ? { ok: false, error: reply.error } : { ok: true, payload: reply.payload ?? 'null' },
    );
  }

  private crash(worker: Worker, message: string): void {
    if (this.worker === worker) this.worker = undefined;
    for (const [id, pending] of this.pending) {
      if (pending.worker !== worker) continue;
      this.pending.delete(id);
      clearTimeout(pending.timer);
      pending.resolve({
        ok: false,
        error: { errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${pending.requestId} ${message}` },
      });
    }
  }
}
