/**
 * The issuer index sync against a real SSM API (moto_server on loopback): the CLI as the deploy
 * tool runs it, with default credentials and the SDK's `AWS_ENDPOINT_URL`. Missing moto fails
 * with the install hint, as the deploy rehearsal does; it is never skipped.
 */
import {
  GetParametersByPathCommand,
  type Parameter,
  PutParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Moto, startMoto } from '../../rehearsal/moto';
import { emulatorProcessEnv, FAKE_CREDENTIALS } from '../../rehearsal/override';
import { addToIssuerIndex } from '../../src/issuer-index-add';
import { issuerIndexLockName, withIssuerIndexLock } from '../../src/issuer-index-lock';
import { syncEnvironmentIssuerIndex } from '../../src/sync-issuer-index';
import { runChild } from '../support/child-run';

const REGION = 'eu-west-1'; // dev.json's region
const PREFIX = '/cognito-tenancy/dev'; // dev.json's registryPrefix (the default)
const INFRA = new URL('../..', import.meta.url).pathname;

let moto: Moto | undefined;
let ssm: SSMClient;

function issuerRecord(userPoolId: string) {
  return {
    issuer: `https://cognito-idp.${REGION}.amazonaws.com/${userPoolId}`,
    userPoolId,
    region: REGION,
    pattern: 'shared',
    clientIds: ['client1'],
  };
}

async function put(name: string, value: unknown): Promise<void> {
  await ssm.send(
    new PutParameterCommand({ Name: name, Value: JSON.stringify(value), Type: 'String', Overwrite: true }),
  );
}

async function index(): Promise<Parameter[]> {
  const out = await ssm.send(new GetParametersByPathCommand({ Path: `${PREFIX}/issuer-index` }));
  return (out.Parameters ?? []).sort((a, b) => (a.Name ?? '').localeCompare(b.Name ?? ''));
}

/** `pnpm sync-issuer-index <env>` as the package script runs it, pointed at moto. */
function cli(environment: string) {
  if (moto === undefined) throw new Error('moto did not start');
  return runChild(process.execPath, ['--import', 'tsx', 'src/sync-issuer-index.ts', environment], {
    cwd: INFRA,
    env: emulatorProcessEnv(REGION, moto.endpoint),
  });
}

beforeAll(async () => {
  try {
    moto = await startMoto('111111111111');
  } catch (error) {
    throw new Error(`the issuer index test needs moto: ${(error as Error).message}`);
  }
  ssm = new SSMClient({ region: REGION, endpoint: moto.endpoint, credentials: FAKE_CREDENTIALS });
}, 40_000);

afterAll(async () => {
  ssm?.destroy();
  await moto?.stop();
}, 30_000);

describe('sync-issuer-index against moto', () => {
  it('rebuilds the index from the issuer records and deletes the stale shard', async () => {
    // Prepare: three pools, and an index from an older deploy that still counts two shards.
    for (const id of ['eu-west-1_Ccc', 'eu-west-1_Aaa', 'eu-west-1_Bbb']) {
      await put(`${PREFIX}/issuers/${id}`, issuerRecord(id));
    }
    await put(`${PREFIX}/issuer-index/0`, { shard: 0, shards: 2, userPoolIds: ['eu-west-1_Old'] });
    await put(`${PREFIX}/issuer-index/1`, { shard: 1, shards: 2, userPoolIds: ['eu-west-1_Gone'] });

    // Act
    const run = await cli('dev');

    // Assess
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n')).toEqual([
      `wrote ${PREFIX}/issuer-index/0 (3 pools)`,
      `deleted ${PREFIX}/issuer-index/1`,
      'issuer index: 3 pools in 1 shards, 1 written, 1 deleted',
    ]);
    const shards = await index();
    expect(shards.map((p) => [p.Name, p.Type, JSON.parse(p.Value ?? '')])).toEqual([
      [
        `${PREFIX}/issuer-index/0`,
        'String',
        { shard: 0, shards: 1, userPoolIds: ['eu-west-1_Aaa', 'eu-west-1_Bbb', 'eu-west-1_Ccc'] },
      ],
    ]);
  }, 30_000);

  it('writes nothing when run again', async () => {
    const lines: string[] = [];

    const result = await syncEnvironmentIssuerIndex('dev', {
      client: () => ssm,
      write: (line) => lines.push(line),
    });

    expect(result).toMatchObject({ pools: 3, shards: 1, written: [], deleted: [], skipped: [] });
    expect(lines).toEqual(['issuer index: 3 pools in 1 shards, 0 written, 0 deleted']);
  }, 30_000);

  it('makes a second writer wait on the lock parameter (SSM answers ParameterAlreadyExists)', async () => {
    const lines: string[] = [];
    let second: Promise<unknown> | undefined;

    await withIssuerIndexLock(
      ssm,
      PREFIX,
      async () => {
        second = withIssuerIndexLock(ssm, PREFIX, () => addToIssuerIndex(ssm, PREFIX, ['eu-west-1_Ddd']), {
          owner: 'second',
          pollMs: 50,
          log: (line) => lines.push(line),
        });
        await new Promise((done) => setTimeout(done, 500));
        // Still waiting: it read the holder's record and said so.
        expect(lines).toEqual([
          expect.stringMatching(/^issuer index lock: held by first since \S+; waiting$/),
        ]);
        await addToIssuerIndex(ssm, PREFIX, ['eu-west-1_Eee']);
      },
      { owner: 'first' },
    );
    await second;

    const pools = (await index()).flatMap((p) => JSON.parse(p.Value ?? '').userPoolIds as string[]);
    expect(pools.sort()).toEqual([
      'eu-west-1_Aaa',
      'eu-west-1_Bbb',
      'eu-west-1_Ccc',
      'eu-west-1_Ddd',
      'eu-west-1_Eee',
    ]);
    const lock = await ssm.send(new GetParametersByPathCommand({ Path: PREFIX }));
    expect((lock.Parameters ?? []).map((p) => p.Name)).not.toContain(issuerIndexLockName(PREFIX));
  }, 30_000);

  it('exits 1 with the environment file message for an unknown environment', async () => {
    const run = await cli('staging');

    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /^sync-issuer-index failed: .*staging\.json: 1 problem\(s\)\n {2}- no environment 'staging' \(known: .*dev/,
    );
    expect(run.stdout).toBe('');
  }, 30_000);
});
