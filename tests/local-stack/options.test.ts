import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_PORTS,
  environmentFile,
  parseOptions,
  REPO_ROOT,
  UsageError,
} from '@cognito-tenancy/local-stack/options';
import { checkPorts, PortTakenError } from '@cognito-tenancy/local-stack/ports';
import { describe, expect, it } from '@jest/globals';

describe('pnpm start options', () => {
  it('defaults to the demo environment, the default ports and .local-stack', () => {
    const options = parseOptions([], '/somewhere')!;
    expect(options.envFile).toBe(join(REPO_ROOT, 'infra', 'environments', 'demo.json'));
    expect(options.ports).toEqual(DEFAULT_PORTS);
    expect(options.stateDir).toBe(join(REPO_ROOT, '.local-stack'));
    expect(options.reset).toBe(false);
  });

  it('accepts the -- that pnpm passes through, names or paths, ports and --reset', () => {
    const options = parseOptions(
      ['--', '--env', 'dev', '--reset', '--gateway-port', '5001', '--web-port', '0'],
      '/tmp',
    )!;
    expect(options.envFile).toBe(join(REPO_ROOT, 'infra', 'environments', 'dev.json'));
    expect(options.reset).toBe(true);
    expect(options.ports.gateway).toBe(5001);
    expect(options.ports.web).toBe(0);
    expect(parseOptions(['--env', './my-env.json'], '/tmp')!.envFile).toBe('/tmp/my-env.json');
  });

  it('prefers a file in the working directory over a missing environment of that name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'env-'));
    writeFileSync(join(dir, 'custom'), '{}');
    expect(environmentFile('custom', dir)).toBe(join(dir, 'custom'));
  });

  it('returns undefined for --help and explains bad input', () => {
    expect(parseOptions(['--help'])).toBeUndefined();
    expect(() => parseOptions(['--gateway-port', '70000'])).toThrow(UsageError);
    expect(() => parseOptions(['--gateway-port', 'abc'])).toThrow(/port number/);
    expect(() => parseOptions(['--nope'])).toThrow(UsageError);
    expect(() => parseOptions(['--authorizer-cache-ttl', '3601'])).toThrow(/0-3600/);
    expect(() => parseOptions(['--service-url', 'ftp://x'])).toThrow(/http/);
    expect(() => parseOptions(['--revocation-cache-ttl', '301'])).toThrow(/0-300/);
    expect(() => parseOptions(['--revocation-cache-ttl', '-1'])).toThrow(UsageError);
  });

  it('takes the revocation cache TTL of the authorizer (forced sign-out), unset by default', () => {
    expect(parseOptions([])?.revocationCacheTtlSeconds).toBeUndefined();
    expect(parseOptions(['--revocation-cache-ttl', '0'])?.revocationCacheTtlSeconds).toBe(0);
    expect(parseOptions(['--revocation-cache-ttl', '5'])?.revocationCacheTtlSeconds).toBe(5);
  });
});

describe('port checks', () => {
  it('names the part, the port and the option when a port is taken', async () => {
    const blocker = createServer();
    const port = await new Promise<number>((resolve) =>
      blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)),
    );
    try {
      const check = checkPorts({ gateway: port, web: 0 });
      await expect(check).rejects.toThrow(PortTakenError);
      await expect(checkPorts({ gateway: port })).rejects.toThrow(
        `port ${port} (API gateway) is taken by another program; free it or pass --gateway-port <n>`,
      );
    } finally {
      blocker.close();
    }
  });

  it('refuses the same port for two parts and ignores port 0', async () => {
    await expect(checkPorts({ web: 0, gateway: 0 })).resolves.toBeUndefined();
    await expect(checkPorts({ web: 1, gateway: 1 })).rejects.toThrow(
      /given to both the sign-in page and the API gateway/,
    );
  });
});
