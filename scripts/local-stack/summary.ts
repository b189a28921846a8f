/** What `pnpm start` prints once the stack is up: every endpoint and every demo user. */
import type { LocalStack } from './stack';

/** The summary text. */
export function summary(stack: LocalStack): string {
  const web = stack.ports.web;
  const tenantHosts = stack.env.tenants.flatMap((t) =>
    t.hosts.filter((h) => h.endsWith('.localhost')).map((h) => ({ t, h })),
  );
  const lines = [
    '',
    `cognito-tenancy local stack: environment '${stack.env.environment}'`,
    '',
    'The sample SPA (open in a browser; *.localhost resolves to this machine):',
    `  http://app.localhost:${web}/   any tenant, found by email domain (POST /tenant-match)`,
    ...tenantHosts.map(({ t, h }) => `  http://${h}:${web}/   ${t.displayName}, found by host (GET /config)`),
    '',
    `  http://login.localhost:${web}/   the managed-login stand-in the SPA signs in through (code flow + PKCE)`,
    '',
    'Endpoints:',
    `  API gateway        http://<host>:${stack.ports.gateway}   twin of ${stack.synthesizedFile} (authorizer cache TTL ${stack.authorizerCacheTtlSeconds} s, revocation cache TTL ${stack.revocationCacheTtlSeconds ?? 30} s):`,
    ...stack.twin.methods.map(
      (m) =>
        `                     ${`${m.method} ${m.path}`.padEnd(36)} ${m.auth === 'authorizer' ? 'authorizer' : 'public'}, ${m.integration.type === 'AWS_PROXY' ? `Lambda ${m.integration.functionName}` : `HTTP ${m.integration.uri.pathTemplate}`}`,
    ),
    ...(stack.urls.service === ''
      ? []
      : [
          `  sample service     ${stack.urls.service}   GET /items, POST /items (admins), GET /tenants/<id>/items, GET /whoami`,
        ]),
    `  cognito-local      ${stack.urls.cognito}`,
    `  Parameter Store    ${stack.urls.ssm}   (SSM JSON 1.1; prefix ${stack.env.registryPrefix})`,
    `  DynamoDB           ${stack.urls.dynamodb}`,
    `  Lambda Invoke API  ${stack.urls.lambda}`,
    `  logs               ${stack.logDir}`,
    '',
    `Demo users (password: ${stack.password}); the password stands in for the redirect to the tenant's IdP:`,
    ...stack.users.map((u) => {
      const tenant = stack.env.tenants.find((t) => t.id === u.tenant);
      const admin =
        tenant?.groups.admin !== undefined && u.groups.includes(tenant.groups.admin) ? ' (admin)' : '';
      return `  ${u.email.padEnd(28)} ${u.tenant.padEnd(10)} ${(tenant?.pattern ?? '').padEnd(9)} groups: ${u.groups.join(', ')}${admin}`;
    }),
    '',
    'Press Ctrl-C to stop. State is kept in the state folder; `./scripts/pnpmw start --reset` starts clean.',
    '',
  ];
  return lines.join('\n');
}
