/**
 * {@link ParameterStore} over AWS SDK v3's SSM client, bounded: two attempts at most and
 * short connection/request timeouts, so a slow store costs a bounded, small time before
 * the authorizer denies. `AWS_ENDPOINT_URL_SSM` (read by the SDK) points it at a local
 * stand-in; there is no endpoint code here.
 */
import { GetParameterCommand, GetParametersCommand, ParameterNotFound, SSMClient } from '@aws-sdk/client-ssm';
import type { ParameterStore } from './registry-reader';

export interface SsmStoreOptions {
  /** Per-attempt request timeout in milliseconds. */
  readonly timeoutMs: number;
}

/** Creates the SSM client the authorizer uses. */
export function createSsmClient(options: SsmStoreOptions): SSMClient {
  return new SSMClient({
    maxAttempts: 2,
    requestHandler: {
      requestTimeout: options.timeoutMs,
      connectionTimeout: Math.min(options.timeoutMs, 1000),
      // Without this the pinned SDK only logs a warning when requestTimeout passes and keeps
      // waiting (the registry reader's own load timeout still bounds the request).
      throwOnRequestTimeout: true,
    },
  });
}

/** Parameter Store reads through `client`. Registry parameters are plain `String`s. */
export class SsmParameterStore implements ParameterStore {
  constructor(private readonly client: Pick<SSMClient, 'send'>) {}

  async getParameter(name: string): Promise<string | undefined> {
    try {
      const output = await this.client.send(new GetParameterCommand({ Name: name }));
      return output.Parameter?.Value;
    } catch (error) {
      if (error instanceof ParameterNotFound || (error as { name?: unknown }).name === 'ParameterNotFound') {
        return undefined;
      }
      throw error;
    }
  }

  async getParameters(names: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const output = await this.client.send(new GetParametersCommand({ Names: [...names] }));
    const values = new Map<string, string>();
    for (const parameter of output.Parameters ?? []) {
      if (parameter.Name !== undefined && parameter.Value !== undefined)
        values.set(parameter.Name, parameter.Value);
    }
    return values;
  }
}
