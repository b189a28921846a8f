/** The authorizer and cold-start sections of BENCHMARKS.md. */
import type { AuthorizerResults } from './authorizer-bench';
import type { ColdStartSection } from './cold-start-bench';
import { kilobytes, micros, millis, perSecond, table, times } from './format';
import type { Measurement } from './measure';

/** Section 1. */
export function authorizerSection(a: AuthorizerResults): string {
  const floor = a.floor.opsPerSecond;
  const conventional = a.conventional.opsPerSecond;
  const row = (what: string, m: Pick<Measurement, 'opsPerSecond' | 'p50Us' | 'p99Us'>) => [
    what,
    perSecond(m.opsPerSecond),
    times(m.opsPerSecond, floor),
    times(m.opsPerSecond, conventional),
    micros(m.p50Us),
    micros(m.p99Us),
  ];
  const one = a.pools[0];
  const rows = [
    row('raw `node:crypto` RS256 verify, key imported (**floor**)', a.floor),
    row('`aws-jwt-verify` alone, JWKS cached', a.awsJwtVerify),
    row('`jsonwebtoken` + `jwks-rsa` with its cache (**conventional**)', a.conventional),
    ...(one
      ? [
          row('**our handler, fresh token** (verified-token cache off)', one.fresh),
          row('**our handler, seen token** (verified-token cache hit)', one.seen),
        ]
      : []),
    row(
      `our handler, ${a.distinctTokens.tokens} distinct tokens in turn, cache on, every call a miss${a.distinctTokens.allMisses ? '' : ' (**hits seen: not a miss path**)'}`,
      a.distinctTokens.measurement,
    ),
    row('**our handler, fresh token, as deployed** (shipped JSON line logger)', a.withLogging.fresh),
    row('**our handler, seen token, as deployed** (shipped JSON line logger)', a.withLogging.seen),
    row('our handler, fresh token, without the forced sign-out check', a.withoutSignOutCheck.fresh),
    row('our handler, seen token, without the forced sign-out check', a.withoutSignOutCheck.seen),
    row(
      "**our handler, shared token, tenant's own client, fresh** (as deployed; provider + client records)",
      a.sharedOwnClient.fresh,
    ),
    row("**our handler, shared token, tenant's own client, seen** (as deployed)", a.sharedOwnClient.seen),
  ];
  const scaling = a.pools.map((p) => [
    p.pools.toLocaleString('en-US'),
    `${perSecond(p.floor.opsPerSecond)} (${times(p.floor.opsPerSecond, floor)})`,
    perSecond(p.fresh.opsPerSecond),
    `${times(p.fresh.opsPerSecond, floor)} / ${times(p.fresh.opsPerSecond, p.floor.opsPerSecond)}`,
    `${micros(p.fresh.p50Us)} / ${micros(p.fresh.p99Us)}`,
    perSecond(p.seen.opsPerSecond),
    times(p.seen.opsPerSecond, floor),
    `${micros(p.seen.p50Us)} / ${micros(p.seen.p99Us)}`,
  ]);
  const c = a.checks;
  const burst = a.cold.burst;
  const flood = a.cold.flood;
  const n = (value: number) => value.toLocaleString('en-US');
  const cold = [
    [
      `burst: ${n(burst.requests)} requests at once, one per registered pool (${n(burst.pools)} pools)`,
      `${n(burst.allowed)} allowed, ${n(burst.refused)} refused`,
      `${n(burst.reads.getParameters)} GetParameters + ${n(burst.reads.getParameter)} GetParameter`,
      `${n(burst.jwksFetches)} JWKS, ${n(burst.revocationReads)} revocation reads`,
      `${burst.seconds.toFixed(2)} s`,
    ],
    [
      `flood: ${n(flood.unregisteredTokens)} tokens naming unregistered pools, among ${n(flood.validTokens)} valid tokens of registered pools, in waves of 1,100 at once`,
      `valid: ${n(flood.validAllowed)} allowed, ${n(flood.validRefused)} refused; unregistered: all refused`,
      `${n(flood.unregisteredReads)} reads of unregistered issuers (${n(flood.budgetRefusals)} refused by the budget without a read); ${n(flood.reads.getParameters)} GetParameters in all`,
      '-',
      `${flood.seconds.toFixed(2)} s`,
    ],
  ];
  return [
    '## 1. Authorizer, warm, in process',
    '',
    'The same RS256 access token (Cognito-shaped, 2048-bit key) through each contender. "Our handler" is the whole',
    '`createHandler` of `packages/authorizer` (event parsing, strict decode, registry lookup of the issuer, signature,',
    'Cognito claims, tenant binding, host lookup, forced sign-out check, policy, one log line) over an in-memory',
    'Parameter Store, JWKS fetcher and revocations table, warmed so every record, key set and revocation entry is',
    'cached: the warm path of a Lambda instance. One call at a time, awaited, as one Lambda instance serves requests.',
    'The forced sign-out check is on in every row but the last two, as infra deploys the authorizer (it sets',
    '`REVOCATION_TABLE_NAME` whenever the revocations table exists). The "vs conventional" column is information',
    'only: the old target of 4x `jsonwebtoken` + `jwks-rsa` is retired (that baseline runs at about a quarter of the',
    'floor, so 4x of it would be faster than the floor itself).',
    '',
    table(['contender', 'calls/s', 'vs floor', 'vs conventional', 'p50', 'p99'], rows),
    '',
    'The handler logs one line per decision (a cache hit at DEBUG, which the shipped logger at INFO drops without',
    'building it). In the rows marked "as deployed" and in the pool table below, that line goes through the JSON line',
    'logger the Lambda ships (JSON formatted, written to a stream that drops it), which is what a deployed instance',
    'pays per decision; in the other rows, to a logger that only counts it.',
    '',
    'Throughput with 1, 100 and 1,000 registered pools: requests cycle through every pool, each with its own tenant host',
    'and key (one key object per pool). The second column is the raw floor cycling through as many key objects, to',
    'separate what CPU caches cost the signature itself from what the handler adds.',
    '',
    table(
      [
        'pools',
        'floor over as many keys (vs 1 key)',
        'fresh: calls/s',
        'vs floor / vs that floor',
        'p50 / p99',
        'seen: calls/s',
        'vs floor',
        'p50 / p99',
      ],
      scaling,
    ),
    '',
    'Cold instance, as deployed (forced sign-out check on, `REGISTRY_ISSUER_LOOKUPS_PER_SECOND` at its default of',
    '5 per second, burst 10), nothing cached, registry stores answering after 2 ms. Registered pools are known from the',
    'issuer index infra writes (one GetParameters call for up to 1,000 pools) and load 10 records per call; only pools',
    'the index does not list spend the lookup budget.',
    '',
    table(['cold instance', 'answers', 'registry reads', 'other reads', 'wall time'], cold),
    '',
    'Checks made in the same run:',
    '',
    `- Parameter Store calls while our handlers were timed: ${c.storeCallsWhileTimed}; JWKS fetches: ${c.jwksFetchesWhileTimed} (the warm path makes no I/O).`,
    `- Revocations-table reads while timed: ${c.revocationReadsWhileTimed} (each user's entry is re-read once its 30 s cache entry expires).`,
    `- JWKS requests made by \`jwks-rsa\` to its loopback server: ${c.conventionalJwksRequests} (its cache held).`,
    `- A seen token whose \`exp\` passed within the cache TTL: ${c.expiredCachedTokenRefused ? 'refused (401)' : '**accepted**'}.`,
    '',
    'The issue quoted aws-jwt-verify alone at 0.67x and jsonwebtoken + jwks-rsa at 0.13x the floor on the day it was filed.',
    'The conventional figure here is `jwks-rsa` 4.1.0 and `jsonwebtoken` 9.0.3 (catalog versions), measured above.',
  ].join('\n');
}

/** Section 2. */
export function coldStartSection(section: ColdStartSection): string {
  const rows = section.results.map((r) => [
    `\`${r.name}\``,
    r.clients.map((c) => `\`${c}\``).join(', '),
    `${kilobytes(r.bundleBytes)} (${times(r.bundleBytes, r.baselineBytes)})`,
    `${kilobytes(r.zipBytes)} (${times(r.zipBytes, r.baselineZipBytes)})`,
    `${millis(r.initMs)} (${times(r.initMs, r.baselineInitMs)})`,
    `${kilobytes(r.baselineBytes)} / ${kilobytes(r.baselineZipBytes)} / ${millis(r.baselineInitMs)}`,
    `${kilobytes(r.externalSdkBytes)} / ${millis(r.externalSdkInitMs)} (${times(r.externalSdkInitMs, r.initMs)})`,
  ]);
  const runs = section.results[0]?.runs ?? 0;
  const rebuilt =
    section.rebuilt.length > 0
      ? `Rebuilt first (bundle older than its sources): ${section.rebuilt.join(', ')}.`
      : 'Bundles reused from `pnpm build` (newer than every source).';
  return [
    '## 2. Cold start per Lambda',
    '',
    `Bundle and zip as \`pnpm build\` makes them; init = time to \`import()\` the bundle in a fresh Node process (module`,
    `scope: config, clients, logger), median of ${runs} processes per variant, variants interleaved. The baseline is a`,
    'bundle built the same way that only imports and constructs the AWS SDK clients the function uses. Ratios in',
    'brackets: against that baseline; for the SDK-external variant, its init against our shipped bundle.',
    '',
    table(
      [
        'function',
        'SDK clients',
        'bundle (vs baseline)',
        'zip (vs baseline)',
        'init (vs baseline)',
        'baseline: bundle / zip / init',
        'SDK external: bundle / init (vs bundled)',
      ],
      rows,
    ),
    '',
    rebuilt,
    ...section.skipped.map((skip) => `\n**Not measured: \`${skip.name}\`**: ${skip.reason}.`),
    ...(section.buildWarning ? ['', `\`pnpm build\` reported: ${section.buildWarning}`] : []),
    '',
    '**What we ship, and why.** The AWS SDK v3 is bundled (only the clients each function imports, minified, tree-shaken).',
    "The runtime's copy would make the zip smaller, but its version is whatever the runtime carries on the day (not the",
    'catalog version the tests ran against), and, as the last column shows, resolving and loading the unbundled SDK',
    'from `node_modules` costs more init time than our whole bundle does. Pinned versions and a measured init win.',
  ].join('\n');
}
