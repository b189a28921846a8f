/** `tenant sp-info <env> <tenant>`: what the tenant's IdP admin needs to configure. */
import { resolve as resolvePath } from 'node:path';
import { loadEnvironmentFile } from '@cognito-tenancy/registry/environment';
import { CLIENT_ID, USER_POOL_ID } from '@cognito-tenancy/registry/identifiers';
import {
  DEFAULT_SHARED_POOL,
  sharedPoolOf,
  sharedPoolOutputName,
  sharedPoolShards,
} from '@cognito-tenancy/registry/shared-pools';
import { flag, parseCommandArgs, stringOption } from '../args';
import type { Command } from '../cli-io';
import { resolveEnvironmentPath } from '../environment-file';
import { CommandError, EXIT, UsageError } from '../errors';
import { printable } from '../findings';
import { poolFromOutputsFile } from '../sp-info/deploy-outputs';
import {
  POOL_ID_PLACEHOLDER,
  placeholderSignInUrl,
  type ServiceProviderInfo,
  serviceProviderInfo,
} from '../sp-info/service-provider';
import { renderTable } from '../table';

/**
 * Where a shard's pool is in deploy outputs: `shared` for shared-00 (also matches older
 * outputs such as `sharedUserPoolId`), the shard's own output name for the others.
 */
const shardOutputKey = (shard: string) =>
  shard === DEFAULT_SHARED_POOL ? 'shared' : sharedPoolOutputName(shard);

/** The text handed to the IdP admin. */
export function renderSpInfo(info: ServiceProviderInfo): string {
  const lines = [
    printable(
      `Tenant ${info.tenant} (${info.displayName}): ${info.sharedPool === null ? info.pattern : `shared (${info.sharedPool})`} pool, environment ${info.environment} (${info.region})`,
    ),
    '',
    'SAML application settings for the IdP administrator:',
    renderTable(
      ['SETTING', 'VALUE'],
      [
        ['ACS URL (Reply URL, single sign-on URL)', info.acsUrl],
        [
          'Audience URI (SP entity ID, Identifier)',
          info.audience ?? `urn:amazon:cognito:sp:${POOL_ID_PLACEHOLDER}`,
        ],
        ['Name ID format', info.nameIdFormat],
        ...(info.signOutUrl === null ? [] : [['Single logout URL', info.signOutUrl]]),
      ],
    ),
    '',
    'Attributes to send (SAML attribute name -> Cognito attribute):',
    renderTable(
      ['SAML ATTRIBUTE', 'MAPS TO', 'NEEDED'],
      info.attributes.map((a) => [a.samlAttribute, a.userAttribute, a.required ? 'required' : 'optional']),
    ),
    '',
  ];
  if (info.groupFilter) {
    const { allow, prefixes, regex } = info.groupFilter;
    lines.push(
      'Group filter: send only the groups the app uses (custom:groups holds at most 2048 characters):',
      ...(allow.length > 0 ? [printable(`  named exactly: ${allow.join(', ')}`)] : []),
      ...(prefixes.length > 0 ? [printable(`  starting with: ${prefixes.join(', ')}`)] : []),
      printable(`  as one regular expression (Okta "Matches regex"): ${regex}`),
      '  Entra ID: emit "Groups assigned to the application" and assign only these groups.',
      '',
    );
  } else if (info.attributes.some((a) => a.userAttribute === 'custom:groups')) {
    lines.push('Group filter: none configured (set groups.allow or groups.prefixes; see tenant check).', '');
  }
  lines.push('Sign-in URL to test with (after deploy and IdP setup):');
  lines.push(`  ${info.signInTestUrl ?? placeholderSignInUrl(info)}`);
  const missing = [
    ...(info.userPoolId === null ? ['the user pool id (audience): pass --pool-id or --outputs <file>'] : []),
    ...(info.clientId === null
      ? ['the app client id (client_id in the URL): pass --client-id or --outputs <file>']
      : []),
  ];
  if (missing.length > 0)
    lines.push('', 'Not known until deploy, shown as placeholders:', ...missing.map((m) => `  - ${m}`));
  return `${lines.join('\n')}\n`;
}

export const spInfoCommand: Command = {
  name: 'sp-info',
  summary: "what the tenant's IdP admin configures: ACS URL, audience, attributes, group filter",
  help: `Usage: tenant sp-info <env> <tenant> [--pool-id <id>] [--client-id <id>] [--outputs <file>] [--json]

Prints the SAML service-provider settings for the tenant's IdP administrator: the ACS URL
(https://<domainPrefix>.auth.<region>.amazoncognito.com/saml2/idpresponse), the audience
(urn:amazon:cognito:sp:<user pool id>), the attribute names to send, the group filter from
the tenant's group policy, and a sign-in URL to test with.

The user pool id and app client id exist only after deploy. Pass them, or pass the outputs
of the deploy (terraform output -json, or cdktf deploy --outputs-file); otherwise they are
printed as clearly marked placeholders (null in --json).`,
  async run(args, io) {
    const parsed = parseCommandArgs(
      args,
      { 'pool-id': { type: 'string' }, 'client-id': { type: 'string' }, outputs: { type: 'string' } },
      ['env', 'tenant'],
    );
    const [envArg, tenantId] = parsed.positionals as [string, string];
    const env = loadEnvironmentFile(resolveEnvironmentPath(envArg, io.root, io.cwd));
    let userPoolId = stringOption(parsed, 'pool-id');
    let clientId = stringOption(parsed, 'client-id');
    if (userPoolId !== undefined && !USER_POOL_ID.test(userPoolId)) {
      throw new UsageError(`--pool-id '${userPoolId}' is not a user pool id (like ${env.region}_AbCdEf123)`);
    }
    if (clientId !== undefined && !CLIENT_ID.test(clientId))
      throw new UsageError('--client-id is not an app client id');
    const outputs = stringOption(parsed, 'outputs');
    const tenant = env.tenants.find((t) => t.id === tenantId);
    if (outputs !== undefined && tenant) {
      const shards = [...sharedPoolShards(env.tenants).keys()];
      const pools = env.tenants.filter((t) => t.pattern === 'dedicated').length + shards.length;
      // Each shard has its own pool, so its own SP entity id: read the tenant's shard's output only.
      const shard = tenant.pattern === 'shared' ? sharedPoolOf(tenant) : undefined;
      const found = poolFromOutputsFile(
        resolvePath(io.cwd, outputs),
        shard === undefined ? [tenant.id] : [tenant.id, shardOutputKey(shard)],
        env.region,
        pools,
        shards.filter((other) => other !== shard && other !== DEFAULT_SHARED_POOL).map(shardOutputKey),
        env.environment,
      );
      userPoolId ??= found.userPoolId;
      clientId ??= found.clientId;
    }
    if (userPoolId !== undefined && !userPoolId.startsWith(`${env.region}_`)) {
      throw new CommandError(
        `user pool ${userPoolId} is not in ${env.region}, the region of ${env.environment}`,
        ['check --pool-id (or the outputs file) belongs to this environment'],
      );
    }
    const info = serviceProviderInfo(env, tenantId, {
      ...(userPoolId === undefined ? {} : { userPoolId }),
      ...(clientId === undefined ? {} : { clientId }),
    });
    io.stdout(flag(parsed, 'json') ? `${JSON.stringify(info, null, 2)}\n` : renderSpInfo(info));
    return EXIT.ok;
  },
};
