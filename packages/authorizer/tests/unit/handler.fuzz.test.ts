/**
 * Properties over random input: no random event is ever allowed (or even denied with a
 * policy, which needs authentication), and nothing but the exact `Unauthorized` error
 * escapes the handler: no TypeError, no other message, no hang.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { key } from '../support/keys';
import { json, sign } from '../support/tokens';
import {
  ACME_POOL,
  accessClaims,
  bearerEvent,
  decide,
  issuerOf,
  keyOf,
  METHOD_ARN,
  requestEvent,
  SHARED_POOL,
  tokenOf,
  UMBRELLA_POOL,
  world,
} from '../support/world';

const attacker = key('fuzz-attacker');
const w = world({ env: { ALLOW_UNREGISTERED_HOSTS: 'true', ACCEPTED_TOKEN_USE: 'access,id' } });

async function unauthorized(event: unknown): Promise<boolean> {
  return (await decide(w.handler, event)).kind === 'unauthorized';
}

const b64 = fc.stringMatching(/^[A-Za-z0-9_-]{0,64}$/);
const jwtShaped = fc.tuple(b64, b64, b64).map(([h, p, s]) => `${h}.${p}.${s}`);
const authorization = fc.oneof(
  fc.string(),
  fc.string().map((s) => `Bearer ${s}`),
  jwtShaped.map((t) => `Bearer ${t}`),
  fc.constantFrom('Bearer', 'bearer ', 'Basic Zm9vOmJhcg==', ''),
);
const host = fc.oneof(
  fc.constantFrom('acme.app.example.com', 'globex.app.example.com', 'ACME.app.example.com:443'),
  fc.domain(),
  fc.string(),
);
const poolIssuer = fc.constantFrom(...[ACME_POOL, UMBRELLA_POOL, SHARED_POOL].map(issuerOf));
const claimValue = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string()),
);

describe('handler properties', () => {
  it('never allows an arbitrary value as an event', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (event) => {
        expect(await unauthorized(event)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never allows REQUEST or TOKEN events with random credentials and hosts', async () => {
    const event = fc.oneof(
      fc.record({ authorization, host }).map(({ authorization: a, host: h }) => requestEvent(a, h)),
      fc.record(
        {
          type: fc.constantFrom('REQUEST', 'TOKEN', 'request', 'OTHER'),
          methodArn: fc.oneof(fc.constant(METHOD_ARN), fc.string()),
          authorizationToken: fc.oneof(authorization, claimValue),
          headers: fc.dictionary(
            fc.constantFrom('Authorization', 'authorization', 'Host', 'x'),
            fc.oneof(authorization, claimValue),
          ),
          multiValueHeaders: fc.dictionary(fc.constantFrom('Authorization', 'Host'), fc.array(fc.string())),
          requestContext: fc.record({ domainName: fc.oneof(host, claimValue) }, { requiredKeys: [] }),
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(event, async (e) => {
        expect(await unauthorized(e)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('never allows tokens with random headers and claims signed by a key the pools do not hold', async () => {
    const header = fc.record(
      {
        alg: fc.constantFrom('RS256', 'none', 'HS256', 'ES256', 'PS256'),
        kid: fc.oneof(fc.constant(keyOf(ACME_POOL).kid), fc.constant(attacker.kid), fc.string()),
        typ: fc.constantFrom('JWT', 'at+jwt'),
        jku: fc.webUrl(),
      },
      { requiredKeys: [] },
    );
    const claims = fc
      .record({
        iss: fc.oneof(poolIssuer, fc.webUrl()),
        client_id: fc.constantFrom('acmeweb1', 'sharedweb1', 'umbrellaweb1', 'x'),
        token_use: fc.constantFrom('access', 'id', 'refresh'),
        extra: fc.dictionary(fc.string({ maxLength: 12 }), claimValue, { maxKeys: 5 }),
      })
      .map(({ extra, ...rest }) => ({ ...accessClaims(ACME_POOL), ...extra, ...rest }));
    await fc.assert(
      fc.asyncProperty(
        header,
        claims,
        fc.constantFrom('attacker', 'attacker-as-acme', 'random'),
        async (h, c, signer) => {
          const token =
            signer === 'random'
              ? `${json(h)}.${json(c)}.${json('sig')}`
              : sign(c, signer === 'attacker' ? attacker : { ...attacker, kid: keyOf(ACME_POOL).kid }, h);
          expect(await unauthorized(bearerEvent(token))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never allows a genuine token after any single-character change', async () => {
    const genuine = tokenOf(ACME_POOL);
    expect((await decide(w.handler, bearerEvent(genuine))).kind).toBe('allow');
    const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.= ';
    const mutation = fc.record({
      at: fc.nat({ max: genuine.length - 1 }),
      kind: fc.constantFrom('replace', 'insert', 'delete'),
      char: fc.constantFrom(...chars),
    });
    await fc.assert(
      fc.asyncProperty(mutation, async ({ at, kind, char }) => {
        const mutated =
          kind === 'delete'
            ? genuine.slice(0, at) + genuine.slice(at + 1)
            : genuine.slice(0, at) + char + genuine.slice(kind === 'insert' ? at : at + 1);
        // Extra spaces after the scheme are allowed (RFC 7235 1*SP): the same token, not a change.
        fc.pre(mutated.replace(/^ +/, '') !== genuine);
        expect(await unauthorized(bearerEvent(mutated))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
