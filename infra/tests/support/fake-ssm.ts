/**
 * An in-memory SSM Parameter Store for the calls the issuer index sync and its lock make, with
 * SSM's own limits and errors (10 results per page, 10 names per DeleteParameters, no overwrite
 * unless asked: `ParameterAlreadyExists`; `ParameterNotFound`), recording every call so tests
 * can assert what was written, and in which order.
 */
import {
  DeleteParameterCommand,
  DeleteParametersCommand,
  type DeleteParametersCommandOutput,
  GetParameterCommand,
  type GetParameterCommandOutput,
  GetParametersByPathCommand,
  type GetParametersByPathCommandOutput,
  ParameterAlreadyExists,
  ParameterNotFound,
  PutParameterCommand,
  type PutParameterCommandOutput,
} from '@aws-sdk/client-ssm';
import type { IssuerIndexClient } from '../../src/issuer-index-sync';

export interface StoredParameter {
  readonly value: string;
  /** When it was last written, on {@link FakeSsm.now}'s clock (SSM's `LastModifiedDate`). */
  readonly modified?: number;
  readonly type?: string;
  readonly tier?: string;
  readonly description?: string;
}

export type FakeSsmCall =
  | { readonly op: 'list'; readonly path: string; readonly token?: string }
  | { readonly op: 'get'; readonly name: string }
  | { readonly op: 'put'; readonly name: string }
  | { readonly op: 'deleteOne'; readonly name: string }
  | { readonly op: 'delete'; readonly names: readonly string[] };

const PAGE_LIMIT = 10;

export class FakeSsm {
  readonly parameters = new Map<string, StoredParameter>();
  readonly calls: FakeSsmCall[] = [];

  /** SSM's clock: what `LastModifiedDate` says (tests move it with their own clock). */
  now: () => number = Date.now;

  constructor(private readonly pageSize = PAGE_LIMIT) {}

  /** Stores a parameter directly (test setup; not recorded as a call), written at `modified` (default: now). */
  put(name: string, value: unknown, modified = this.now()): void {
    this.parameters.set(name, { value: typeof value === 'string' ? value : JSON.stringify(value), modified });
  }

  /** The parameter's value parsed as JSON. */
  json(name: string): unknown {
    const stored = this.parameters.get(name);
    return stored === undefined ? undefined : JSON.parse(stored.value);
  }

  /** `PutParameter` and `DeleteParameters` calls, as `put <name>` / `delete <names>` (the lock's `DeleteParameter` is left out). */
  writes(): string[] {
    return this.calls.flatMap((call) =>
      call.op === 'put'
        ? [`put ${call.name}`]
        : call.op === 'delete'
          ? [`delete ${call.names.join(',')}`]
          : [],
    );
  }

  /** This store as the client the sync takes. */
  client(): IssuerIndexClient {
    // SSMClient's `send` is overloaded per command; the fake answers those the sync and the lock send.
    return { send: (command: unknown) => this.send(command) } as unknown as IssuerIndexClient;
  }

  private async send(command: unknown): Promise<unknown> {
    if (command instanceof GetParametersByPathCommand) return this.list(command);
    if (command instanceof PutParameterCommand) return this.putParameter(command);
    if (command instanceof DeleteParametersCommand) return this.delete(command);
    if (command instanceof GetParameterCommand) return this.get(command);
    if (command instanceof DeleteParameterCommand) return this.deleteOne(command);
    throw new Error(`FakeSsm: unexpected command ${(command as object).constructor.name}`);
  }

  private list(command: GetParametersByPathCommand): GetParametersByPathCommandOutput {
    const { Path: path = '', Recursive, NextToken: token, MaxResults } = command.input;
    if (Recursive) throw new Error('FakeSsm: recursive listing not expected');
    this.calls.push({ op: 'list', path, ...(token === undefined ? {} : { token }) });
    const names = [...this.parameters.keys()]
      .filter((name) => name.startsWith(`${path}/`) && !name.slice(path.length + 1).includes('/'))
      .sort();
    const start = token === undefined ? 0 : Number(token);
    const size = Math.min(MaxResults ?? PAGE_LIMIT, this.pageSize);
    const page = names.slice(start, start + size);
    const next = start + size < names.length ? String(start + size) : undefined;
    return {
      $metadata: {},
      Parameters: page.map((name) => ({
        Name: name,
        Value: this.parameters.get(name)?.value,
        Type: 'String',
      })),
      ...(next === undefined ? {} : { NextToken: next }),
    };
  }

  private putParameter(command: PutParameterCommand): PutParameterCommandOutput {
    const {
      Name: name = '',
      Value: value = '',
      Type: type,
      Tier: tier,
      Description: description,
    } = command.input;
    if (this.parameters.has(name) && !command.input.Overwrite) {
      throw new ParameterAlreadyExists({ message: `The parameter already exists: ${name}`, $metadata: {} });
    }
    this.calls.push({ op: 'put', name });
    this.parameters.set(name, {
      value,
      modified: this.now(),
      ...(type === undefined ? {} : { type }),
      ...(tier === undefined ? {} : { tier }),
      ...(description === undefined ? {} : { description }),
    });
    return { $metadata: {}, Version: 1 };
  }

  private get(command: GetParameterCommand): GetParameterCommandOutput {
    const name = command.input.Name ?? '';
    this.calls.push({ op: 'get', name });
    const stored = this.parameters.get(name);
    if (stored === undefined) throw new ParameterNotFound({ message: name, $metadata: {} });
    return {
      $metadata: {},
      Parameter: {
        Name: name,
        Value: stored.value,
        Type: 'String',
        ...(stored.modified === undefined ? {} : { LastModifiedDate: new Date(stored.modified) }),
      },
    };
  }

  private deleteOne(command: DeleteParameterCommand): { $metadata: object } {
    const name = command.input.Name ?? '';
    this.calls.push({ op: 'deleteOne', name });
    if (!this.parameters.delete(name)) throw new ParameterNotFound({ message: name, $metadata: {} });
    return { $metadata: {} };
  }

  private delete(command: DeleteParametersCommand): DeleteParametersCommandOutput {
    const names = command.input.Names ?? [];
    if (names.length === 0 || names.length > PAGE_LIMIT) {
      throw new Error(`FakeSsm: DeleteParameters takes 1-10 names, got ${names.length}`);
    }
    this.calls.push({ op: 'delete', names });
    const deleted = names.filter((name) => this.parameters.delete(name));
    return {
      $metadata: {},
      DeletedParameters: deleted,
      InvalidParameters: names.filter((name) => !deleted.includes(name)),
    };
  }
}

/** A well-formed issuer record of a dedicated pool, as a tenant stack writes it. */
export function issuerRecord(userPoolId: string, tenantId = `t${userPoolId.slice(-4)}`) {
  return {
    issuer: `https://cognito-idp.eu-west-1.amazonaws.com/${userPoolId}`,
    userPoolId,
    region: 'eu-west-1',
    pattern: 'dedicated',
    tenantId,
    clientIds: ['client1'],
  };
}
