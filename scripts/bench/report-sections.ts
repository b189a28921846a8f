/** The discovery and pre-token-gen sections of BENCHMARKS.md. */
import { micros, perSecond, table, times } from './format';
import type { LookupResults } from './lookups-bench';
import type { PreTokenGenResults } from './pre-token-gen-bench';

/** Section 3. */
export function lookupsSection(lookups: readonly LookupResults[]): string {
  const latency = lookups.flatMap((l) => [
    [
      `\`${l.name}\``,
      'floor: map lookup + JSON answer',
      micros(l.floor.p50Us),
      micros(l.floor.p99Us),
      perSecond(l.floor.opsPerSecond),
      '1.00x',
    ],
    ...[
      ['known tenant (cache hit)', l.known],
      ['unknown tenant (negative entry)', l.unknown],
    ].map(([what, m]) => {
      const measured = m as LookupResults['known'];
      return [
        '',
        what as string,
        micros(measured.p50Us),
        micros(measured.p99Us),
        perSecond(measured.opsPerSecond),
        times(l.floor.opsPerSecond, measured.opsPerSecond),
      ];
    }),
  ]);
  const answers = (s: Readonly<Record<string, number>>) =>
    Object.entries(s)
      .map(([status, count]) => `${count}x ${status}`)
      .join(', ');
  const bursts = lookups.flatMap((l) => {
    const rows: [string, LookupResults['knownBurst'], string][] = [
      [`${l.knownBurst.distinctKeys} known tenants`, l.knownBurst, `exactly ${l.knownBurst.distinctKeys}`],
      [
        `${l.unknownBurst.distinctKeys} distinct unknown`,
        l.unknownBurst,
        `<= ${l.unknownBound.peakInFlight} in flight${l.unknownBound.calls === undefined ? '' : `, <= ${l.unknownBound.calls} in all`}`,
      ],
    ];
    if (l.deepBurst)
      rows.push([
        `${l.deepBurst.distinctKeys} distinct unknown, 6 labels deep`,
        l.deepBurst,
        `<= ${l.unknownBound.peakInFlight} in flight`,
      ]);
    return rows.map(([what, b, bound]) => [
      `\`${l.name}\``,
      what,
      String(b.store.calls),
      String(b.store.peakInFlight),
      bound,
      answers(b.statuses),
    ]);
  });
  const rules = lookups.map((l) => `- \`${l.name}\`: ${l.unknownBound.rule}.`);
  return [
    '## 3. Discovery: config-resolver and tenant-match',
    '',
    "Through each function's own `createHandler`, with a counting store client that answers after 2 ms. Warm latency",
    "per call; the ratio is the floor's throughput over the handler's (how many floor calls fit in one handler call).",
    '',
    table(['function', 'request', 'p50', 'p99', 'calls/s', 'cost vs floor'], latency),
    '',
    'Store calls during a burst of 1,000 concurrent requests on a cold instance (started together, awaited together):',
    '',
    table(
      [
        'function',
        'burst of 1,000 requests for',
        'store calls',
        'peak in flight',
        'designed bound',
        'answers',
      ],
      bursts,
    ),
    '',
    'The bounds as designed:',
    '',
    ...rules,
  ].join('\n');
}

/** Section 4. */
export function preTokenGenSection(p: PreTokenGenResults): string {
  const base = p.rows[0]?.measurement;
  const rows = p.rows.map((row) => [
    String(row.groups),
    `${row.attributeBytes} B`,
    String(row.tokenGroups),
    micros(row.measurement.p50Us),
    micros(row.measurement.p99Us),
    perSecond(row.measurement.opsPerSecond),
    base ? times(base.opsPerSecond, row.measurement.opsPerSecond) : '',
  ]);
  return [
    '## 4. pre-token-gen',
    '',
    'A V2 sign-in event of a shared-pool user, warm (tenant item cached; DynamoDB calls while timed:',
    `${p.storeCallsWhileTimed}), with \`custom:groups\` holding 0, 50 or 500 IdP groups as Cognito writes a multi-valued`,
    `SAML attribute (\`[a, b, ...]\`), every other one allowed by the tenant's prefix; at most ${p.maxGroups} go into the token`,
    "(plus Cognito's own IdP group). 500 groups exceed the 2,048-byte attribute quota: a stress case, not a real event.",
    '',
    table(['IdP groups', 'attribute', 'groups in token', 'p50', 'p99', 'events/s', 'cost vs 0 groups'], rows),
  ].join('\n');
}
