import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { deferred } from '@cognito-tenancy/registry/testing/ttl-cache';
import { describe, expect, it } from '@jest/globals';
import { BODIES } from '../../src/outcome';
import { hostRecord, httpEvent, notFound, parameterOf, restEvent, setup } from '../helpers';

const ACME = 'acme.app.example.com';
const GLOBEX = 'globex.app.example.com';
const two = { [ACME]: hostRecord('acme'), [GLOBEX]: hostRecord('globex') };

const hostileHosts: [string, unknown][] = [
  ['a parent-path escape', '../acme.app.example.com'],
  ['a path after the host', 'acme.app.example.com/../../issuers/eu-west-1_x'],
  ['an encoded slash', 'acme.app.example.com%2F..%2Fissuers'],
  ['a backslash', 'acme.app.example.com\\issuers'],
  ['a NUL byte', 'acme.app.example.com\u0000.evil.test'],
  ['a 2 KB host', `${'a'.repeat(60)}.`.repeat(34).concat('com')],
  ['a 64-character label', `${'a'.repeat(64)}.example.com`],
  ['an array instead of a string', [ACME]],
  ['an object instead of a string', { toString: () => ACME }],
  ['a number', 42],
  ['an empty string', ''],
  ['userinfo', `evil@${ACME}`],
  ['a wildcard', '*.app.example.com'],
  ['an IP address', '169.254.169.254'],
  ['a single label', 'localhost'],
];

describe('config-resolver from the attacker side', () => {
  describe.each([
    ['requestContext.domainName', (host: unknown) => restEvent({ domainName: host }), {}],
    [
      'a trusted X-Forwarded-Host',
      (host: unknown) => httpEvent({ headers: { 'x-forwarded-host': host } }),
      { TRUSTED_HOST_HEADER: 'x-forwarded-host' },
    ],
  ])('hostile hosts in %s', (_, eventFor, env) => {
    it.each(hostileHosts)('answers %s with the generic 400 and no SSM call', async (_name, host) => {
      const { handler, ssmCalls, logs } = setup({ env });
      const response = await handler(eventFor(host));
      expect(response).toMatchObject({ statusCode: 400, body: BODIES.badRequest });
      expect(ssmCalls()).toEqual([]);
      // The raw input is never logged.
      expect(logs.last?.attributes.host).toBeUndefined();
      expect(JSON.stringify(logs.entries)).not.toContain('issuers');
    });
  });

  it('ignores spoofed Host and X-Forwarded-Host when no header is trusted', async () => {
    const { handler, ssmCalls } = setup({ registry: two });
    const response = await handler(
      restEvent({
        headers: { Host: GLOBEX, 'X-Forwarded-Host': GLOBEX },
        multiValueHeaders: { Host: [GLOBEX], 'X-Forwarded-Host': [GLOBEX] },
      }),
    );
    expect(JSON.parse(response.body).tenantId).toBe('acme');
    expect(ssmCalls()).toEqual([parameterOf(ACME)]);
  });

  it('ignores a spoofed Host when X-Forwarded-Host is the trusted header', async () => {
    const { handler } = setup({ registry: two, env: { TRUSTED_HOST_HEADER: 'x-forwarded-host' } });
    const response = await handler(httpEvent({ headers: { host: GLOBEX, 'x-forwarded-host': ACME } }));
    expect(JSON.parse(response.body).tenantId).toBe('acme');
  });

  it.each([
    ['an appended second value', httpEvent({ headers: { 'x-forwarded-host': `${ACME}, ${GLOBEX}` } })],
    ['a repeated header', restEvent({ multiValueHeaders: { 'X-Forwarded-Host': [ACME, GLOBEX] } })],
    ['the header missing (no fallback to the domain name)', restEvent({ domainName: ACME })],
  ])('refuses a trusted header with %s', async (_, event) => {
    const { handler, ssmCalls } = setup({ registry: two, env: { TRUSTED_HOST_HEADER: 'x-forwarded-host' } });
    expect((await handler(event)).statusCode).toBe(400);
    expect(ssmCalls()).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, Record<string, string>]>([
    ['the execute-api host', restEvent({ domainName: 'a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com' }), {}],
    [
      'the execute-api host in a trusted Host header',
      httpEvent({ headers: { host: 'a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com:443' } }),
      { TRUSTED_HOST_HEADER: 'host' },
    ],
  ])('answers %s like an unknown host, without asking SSM', async (_, event, env) => {
    const registry = { ...two, 'a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com': hostRecord('acme') };
    const { handler, ssmCalls, logs } = setup({ registry, env });
    const response = await handler(event);
    const nobody = 'nobody.example.com';
    const unknown = await handler(restEvent({ domainName: nobody, headers: { Host: nobody } }));
    expect(response).toMatchObject({ statusCode: 404, body: unknown.body });
    expect(ssmCalls()).toEqual([parameterOf('nobody.example.com')]);
    expect(logs.entries[0]?.attributes.reason).toBe('platform-host');
  });

  it('answers every unknown host with the same body and headers', async () => {
    const { handler } = setup({ registry: two });
    const answers = await Promise.all(
      [
        'nobody.example.com',
        'acme.app.example.co',
        'xn--bcher-kva.example.com',
        'globex.app.example.com.evil.test',
      ].map((host) => handler(restEvent({ domainName: host }))),
    );
    expect(new Set(answers.map((a) => `${a.statusCode} ${a.body} ${JSON.stringify(a.headers)}`)).size).toBe(
      1,
    );
    expect(answers[0]?.body).toBe(BODIES.notFound);
  });

  describe('a flood of 1,000 distinct unknown hosts', () => {
    const flood = Array.from({ length: 1000 }, (_, i) => `probe-${i}.app.example.com`);

    it('costs at most the lookup budget in SSM calls, and never breaks a cached tenant', async () => {
      const { handler, ssmCalls, clock } = setup({ env: { MAX_LOOKUPS_PER_SECOND: '10' } });
      expect((await handler(restEvent())).statusCode).toBe(200);
      const statuses = new Map<number, number>();
      for (const host of flood) {
        clock.advance(10); // 1,000 requests over 10 s
        const response = await handler(restEvent({ domainName: host }));
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
        expect([BODIES.notFound, BODIES.unavailable]).toContain(response.body);
      }
      // Burst of 10 (one spent on acme) + 10 per second for 10 s.
      const calls = ssmCalls().length;
      expect(calls).toBeLessThanOrEqual(1 + 10 + 100);
      expect(calls).toBeGreaterThanOrEqual(100);
      expect(statuses.get(404)).toBe(calls - 1);
      expect(statuses.get(503)).toBe(1000 - (calls - 1));
      const tenant = await handler(restEvent());
      expect(JSON.parse(tenant.body).tenantId).toBe('acme');
      expect(ssmCalls()).toHaveLength(calls);
    });

    it('asks SSM about each host at most once within the negative TTL', async () => {
      const { handler, ssmCalls, clock } = setup({ env: { MAX_LOOKUPS_PER_SECOND: '10000' } });
      for (const host of flood) await handler(restEvent({ domainName: host }));
      expect(ssmCalls()).toHaveLength(1000);
      clock.advance(59_000);
      for (const host of flood) expect((await handler(restEvent({ domainName: host }))).statusCode).toBe(404);
      expect(ssmCalls()).toHaveLength(1000);
    });

    it('sent all at once, runs at most MAX_CONCURRENT_LOOKUPS loads and fails the rest fast', async () => {
      const { handler, mock, ssmCalls } = setup({
        env: { MAX_CONCURRENT_LOOKUPS: '5', MAX_LOOKUPS_PER_SECOND: '10000' },
      });
      const gate = deferred<void>();
      mock.on(GetParameterCommand).callsFake(async () => {
        await gate.promise;
        throw notFound();
      });
      const pending = Promise.all(flood.map((host) => handler(httpEvent({ domainName: host }))));
      gate.resolve();
      const responses = await pending;
      expect(ssmCalls()).toHaveLength(5);
      expect(responses.filter((r) => r.statusCode === 404)).toHaveLength(5);
      expect(responses.filter((r) => r.statusCode === 503 && r.body === BODIES.unavailable)).toHaveLength(
        995,
      );
    });
  });

  it('keeps interleaved concurrent requests for two tenants apart', async () => {
    const { handler, mock, ssmCalls } = setup();
    const gates = { [ACME]: deferred<void>(), [GLOBEX]: deferred<void>() };
    mock.on(GetParameterCommand).callsFake(async (input: { Name: string }) => {
      const host = input.Name.split('/').pop() as keyof typeof gates;
      await gates[host].promise;
      return { Parameter: { Value: JSON.stringify(two[host]) } };
    });
    const hosts = Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? GLOBEX : ACME));
    const pending = Promise.all(
      hosts.map((host, i) =>
        handler(i % 2 ? restEvent({ domainName: host }) : httpEvent({ domainName: host })),
      ),
    );
    // Answer the second tenant first, so any cross-wiring would show.
    gates[GLOBEX].resolve();
    await new Promise((r) => setImmediate(r));
    gates[ACME].resolve();
    const responses = await pending;
    responses.forEach((response, i) => {
      const body = JSON.parse(response.body);
      const expected = hosts[i] === ACME ? 'acme' : 'globex';
      expect(body.tenantId).toBe(expected);
      expect(body.clientId).toBe(`${expected}client123`);
    });
    expect(ssmCalls().sort()).toEqual([parameterOf(ACME), parameterOf(GLOBEX)]);
  });

  it('never reads the tenant from the body, query or path', async () => {
    const { handler, ssmCalls } = setup({ registry: two });
    const event = {
      ...restEvent(),
      path: `/config/${GLOBEX}`,
      queryStringParameters: { host: GLOBEX, tenant: 'globex' },
      body: JSON.stringify({ host: GLOBEX }),
    };
    expect(JSON.parse((await handler(event)).body).tenantId).toBe('acme');
    expect(ssmCalls()).toEqual([parameterOf(ACME)]);
  });
});
