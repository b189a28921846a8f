/**
 * Bounds of every AWS SDK call, in one place: the three variables, their specs and the
 * client options they become. The SDK resolves endpoints itself (`AWS_ENDPOINT_URL_*`,
 * which the local stack sets), so none are given here.
 */
import { int } from './env-spec';

/** Per-attempt timeouts and total attempts of one SDK call. */
export interface AwsCallBounds {
  readonly requestTimeoutMs: number;
  readonly connectionTimeoutMs: number;
  /** Total attempts including the first (SDK standard retry mode). */
  readonly maxAttempts: number;
}

/** Defaults of {@link awsCallSpecs}; each Lambda picks its own to fit its time budget. */
export type AwsCallDefaults = AwsCallBounds;

/** Bounds of the three variables (a Lambda with a tight budget narrows them). */
export interface AwsCallLimits {
  readonly minTimeoutMs: number;
  readonly maxTimeoutMs: number;
  readonly maxAttempts: number;
}

const LIMITS: AwsCallLimits = { minTimeoutMs: 100, maxTimeoutMs: 10_000, maxAttempts: 3 };

/** The specs of `<prefix>REQUEST_TIMEOUT_MS`, `<prefix>CONNECTION_TIMEOUT_MS`, `<prefix>MAX_ATTEMPTS`. */
export function awsCallSpecs<P extends string = 'AWS_'>(
  defaults: AwsCallDefaults,
  prefix: P = 'AWS_' as P,
  limits: AwsCallLimits = LIMITS,
) {
  const { minTimeoutMs: min, maxTimeoutMs: max } = limits;
  return {
    [`${prefix}REQUEST_TIMEOUT_MS`]: int({
      description: 'Per-attempt timeout of an AWS call (ms)',
      default: defaults.requestTimeoutMs,
      min,
      max,
    }),
    [`${prefix}CONNECTION_TIMEOUT_MS`]: int({
      description: 'Connection timeout of an AWS call (ms)',
      default: defaults.connectionTimeoutMs,
      min,
      max,
    }),
    [`${prefix}MAX_ATTEMPTS`]: int({
      description: 'Attempts per AWS call, the first included',
      default: defaults.maxAttempts,
      min: 1,
      max: limits.maxAttempts,
    }),
  } as Record<
    `${P}REQUEST_TIMEOUT_MS` | `${P}CONNECTION_TIMEOUT_MS` | `${P}MAX_ATTEMPTS`,
    ReturnType<typeof int>
  >;
}

/** Options for any `new XxxClient(...)` of the AWS SDK v3. */
export function awsClientOptions(bounds: AwsCallBounds) {
  return {
    maxAttempts: bounds.maxAttempts,
    requestHandler: {
      requestTimeout: bounds.requestTimeoutMs,
      connectionTimeout: bounds.connectionTimeoutMs,
      // Without this the SDK only logs a warning when requestTimeout passes and keeps waiting.
      throwOnRequestTimeout: true,
    },
  };
}

/** The longest one AWS call may take, retries included (every attempt may use both timeouts). */
export function callTimeoutMs(bounds: AwsCallBounds): number {
  return bounds.maxAttempts * (bounds.requestTimeoutMs + bounds.connectionTimeoutMs);
}

/** The bounds from the values read with {@link awsCallSpecs} (same prefix). */
export function awsBoundsOf<P extends string = 'AWS_'>(
  values: Readonly<
    Record<`${P}REQUEST_TIMEOUT_MS` | `${P}CONNECTION_TIMEOUT_MS` | `${P}MAX_ATTEMPTS`, number>
  >,
  prefix: P = 'AWS_' as P,
): AwsCallBounds {
  return {
    requestTimeoutMs: values[`${prefix}REQUEST_TIMEOUT_MS`],
    connectionTimeoutMs: values[`${prefix}CONNECTION_TIMEOUT_MS`],
    maxAttempts: values[`${prefix}MAX_ATTEMPTS`],
  };
}
