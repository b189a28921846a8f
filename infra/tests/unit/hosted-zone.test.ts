/** The rehearsal's DNS check (rehearsal/hosted-zone.ts): each host aliased to the distribution, nothing else. */
import { describe, expect, it } from '@jest/globals';
import { hostRecordProblems, type ZoneRecord } from '../../rehearsal/hosted-zone';

const D = 'd111.cloudfront.net';
const both = (name: string, target = D): ZoneRecord[] => [
  { name, type: 'A', target },
  { name, type: 'AAAA', target },
];

describe('hostRecordProblems', () => {
  it('passes every host aliased twice to the distribution, beside non-alias records', () => {
    const records = [...both('acme.dev.example.com'), ...both('app.dev.example.com')];
    records.push({ name: '_x.dev.example.com', type: 'CNAME' });
    expect(hostRecordProblems(records, ['acme.dev.example.com', 'app.dev.example.com'], D)).toEqual([]);
  });

  it('names a missing record, a wrong target and a record of no host', () => {
    const records = [
      { name: 'acme.dev.example.com', type: 'A', target: D },
      ...both('app.dev.example.com', 'd999.cloudfront.net'),
      ...both('gone.dev.example.com'),
    ];
    expect(hostRecordProblems(records, ['acme.dev.example.com', 'app.dev.example.com'], D)).toEqual([
      'no AAAA record for acme.dev.example.com',
      `A app.dev.example.com points at d999.cloudfront.net, not ${D}`,
      `AAAA app.dev.example.com points at d999.cloudfront.net, not ${D}`,
      'A gone.dev.example.com: no host of the file',
      'AAAA gone.dev.example.com: no host of the file',
    ]);
  });
});
