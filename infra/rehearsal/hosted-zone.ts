/**
 * The Route 53 zone a file's `hosting.certificate.route53ZoneId` names, made in the emulator
 * (a prerequisite in the real account), for the dev/prod and tenant-stacks rehearsals.
 */
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { ResolvedEnvironment } from '@cognito-tenancy/registry/environment';
import { distributionDomainParameterName } from '../src/stack-layout';
import { FAKE_CREDENTIALS, motoHeaders } from './override';
import { StepError } from './process-run';

/**
 * A file with `hosting.certificate.route53ZoneId` needs that zone (a prerequisite in the real
 * account): the rehearsal creates one in the emulator and maps the file's id to it in the
 * override (moto draws its own ids, which the schema's `Z...` form would refuse in the file).
 */
export async function createHostedZone(
  env: ResolvedEnvironment,
  endpoint: string,
): Promise<Record<string, string>> {
  const certificate = env.hosting?.certificate;
  if (certificate === undefined || !('route53ZoneId' in certificate) || !certificate.route53ZoneId) return {};
  const body =
    '<?xml version="1.0" encoding="UTF-8"?><CreateHostedZoneRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/">' +
    `<Name>example.com.</Name><CallerReference>rehearsal-${Date.now()}</CallerReference></CreateHostedZoneRequest>`;
  const response = await fetch(`${endpoint}/2013-04-01/hostedzone`, {
    method: 'POST',
    body,
    headers: motoHeaders('route53'),
  });
  const id = /<Id>\/hostedzone\/([^<]+)<\/Id>/.exec(await response.text())?.[1];
  if (!response.ok || id === undefined)
    throw new StepError(`creating the Route 53 zone in moto: ${response.status}`);
  return { [certificate.route53ZoneId]: id };
}

/** A record set of the emulator's zones: `name` without the trailing dot, `target` an alias's DNS name. */
export interface ZoneRecord {
  readonly name: string;
  readonly type: string;
  readonly target?: string;
}

async function route53Get(url: string): Promise<string> {
  const response = await fetch(url, { headers: motoHeaders('route53') });
  const text = await response.text();
  if (!response.ok)
    throw new StepError(`Route 53 in moto: GET ${url}: ${response.status} ${text.slice(0, 300)}`);
  return text;
}

/** Every record set of every zone in the emulator but the zones' own NS and SOA (first page of each, 300 sets). */
export async function zoneRecords(endpoint: string): Promise<ZoneRecord[]> {
  const zones = await route53Get(`${endpoint}/2013-04-01/hostedzone`);
  const records: ZoneRecord[] = [];
  for (const [, id] of zones.matchAll(/<Id>\/hostedzone\/([^<]+)<\/Id>/g)) {
    const sets = await route53Get(`${endpoint}/2013-04-01/hostedzone/${id}/rrset?maxitems=300`);
    for (const [, body = ''] of sets.matchAll(/<ResourceRecordSet>([\s\S]*?)<\/ResourceRecordSet>/g)) {
      const name = /<Name>([^<]+)<\/Name>/.exec(body)?.[1]?.replace(/\.$/, '') ?? '';
      const type = /<Type>([^<]+)<\/Type>/.exec(body)?.[1] ?? '';
      const target = /<DNSName>([^<]+)<\/DNSName>/.exec(body)?.[1]?.replace(/\.$/, '');
      if (type === 'NS' || type === 'SOA') continue;
      records.push(target === undefined ? { name, type } : { name, type, target });
    }
  }
  return records;
}

/**
 * Problems with the hosts' alias records: each of `hosts` must have an A and an AAAA record
 * aliased to `distribution`, and no other alias record may point there.
 */
export function hostRecordProblems(
  records: readonly ZoneRecord[],
  hosts: readonly string[],
  distribution: string,
): string[] {
  const aliases = records.filter((r) => (r.type === 'A' || r.type === 'AAAA') && r.target !== undefined);
  const problems: string[] = [];
  for (const host of hosts)
    for (const type of ['A', 'AAAA']) {
      const found = aliases.find((r) => r.name === host && r.type === type);
      if (found === undefined) problems.push(`no ${type} record for ${host}`);
      else if (found.target !== distribution)
        problems.push(`${type} ${host} points at ${found.target}, not ${distribution}`);
    }
  for (const record of aliases)
    if (!hosts.includes(record.name)) problems.push(`${record.type} ${record.name}: no host of the file`);
  return problems;
}

/**
 * With hosting in a zone and tenant stacks: every tenant host and app host aliased to the
 * distribution the platform published, and nothing else aliased. Returns the log line.
 */
export async function checkHostRecords(env: ResolvedEnvironment, endpoint: string): Promise<string> {
  const hosts = [...env.tenants.flatMap((tenant) => tenant.hosts), ...(env.hosting?.appHosts ?? [])];
  const ssm = new SSMClient({ endpoint, region: env.region, credentials: FAKE_CREDENTIALS });
  try {
    const name = distributionDomainParameterName(env.registryPrefix);
    const published = await ssm.send(new GetParameterCommand({ Name: name }));
    const distribution = published.Parameter?.Value ?? '';
    if (!/^[a-z0-9]+\.cloudfront\.net$/.test(distribution))
      throw new StepError(`${name}: '${distribution}' is not a distribution's name`);
    const problems = hostRecordProblems(await zoneRecords(endpoint), hosts, distribution);
    if (problems.length > 0)
      throw new StepError(`alias records in the zone:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    return `${hosts.length} hosts aliased to ${distribution}, nothing else`;
  } finally {
    ssm.destroy();
  }
}
