/**
 * #19.2 (infra half): the service behind `ANY /{proxy+}` learns the caller only from the
 * TENANT_CONTEXT headers, so the HTTP_PROXY integration must set every one of them itself
 * from the authorizer's context (a mapped header replaces the client's copy) and must feed
 * no header from anything the client sends. Spellings a service might fold into a context
 * header (`X_Tenant_Id` -> `HTTP_X_TENANT_ID` in WSGI) are never mapped: services must read
 * only the exact names (infra/README.md, "For services behind serviceUrl").
 */
import { TENANT_CONTEXT } from '@cognito-tenancy/registry/routes';
import { describe, expect, it } from '@jest/globals';
import { ORIGIN_SECRET_REPLACEMENT, planRoutes } from '../../src/api-routes';
import { ORIGIN_SECRET_HEADER } from '../../src/origin-secret';
import { environmentOf, resources, type StackJson, stack, synthRecord } from '../support/synthesized';
import { rawEnvironment, synthVariant } from '../support/variant-stack';

const HEADER = 'integration.request.header.';
/** How WSGI/CGI-style servers name a header: case folded, `-` and `_` the same. */
const folded = (name: string) => name.toLowerCase().replace(/_/g, '-');

function headerMappings(parameters: Readonly<Record<string, string>> | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(parameters ?? {})
      .filter(([key]) => key.startsWith(HEADER))
      .map(([key, source]) => [key.slice(HEADER.length), source]),
  );
}

const expected = {
  ...Object.fromEntries(
    Object.entries(TENANT_CONTEXT).map(([key, header]) => [header, `context.authorizer.${key}`]),
  ),
  // Behind CloudFront the origin secret arrives with the call: the service gets a static value.
  [ORIGIN_SECRET_HEADER]: `'${ORIGIN_SECRET_REPLACEMENT}'`,
};

describe('tenant context headers of service routes (planned)', () => {
  it('every service route maps exactly the TENANT_CONTEXT headers, each from the authorizer context, and withholds the origin secret', () => {
    const services = planRoutes().filter((planned) => 'service' in planned.route.target);
    expect(services.length).toBeGreaterThan(0);
    for (const planned of services) {
      expect(headerMappings(planned.integrationRequestParameters)).toEqual(expected);
    }
  });

  it('the context header names are already in folded form, so no two spellings can collide', () => {
    const names = Object.values(TENANT_CONTEXT);
    for (const name of names) expect(folded(name)).toBe(name);
    expect(new Set(names.map(folded)).size).toBe(names.length);
  });
});

// dev and prod run the pets Lambda and demo serves the local stack: a dev variant with a
// serviceUrl (synthesized in process) is the HTTP_PROXY stack checked here.
const dev = rawEnvironment('dev');
const withService = synthVariant({
  ...dev,
  api: { ...(dev.api as object), serviceUrl: 'https://service.dev.example.com' },
});
const STACKS: [string, StackJson][] = [
  ...synthRecord()
    .environments.filter((environment) => environmentOf(environment).api?.serviceUrl)
    .map((environment): [string, StackJson] => [environment, stack(environment)]),
  ['dev with a serviceUrl', withService],
];

describe.each(STACKS)('tenant context headers of the synthesized HTTP_PROXY integrations of %s', (_, s) => {
  const proxies = () =>
    resources(s, 'aws_api_gateway_integration').filter(([, body]) => body.type === 'HTTP_PROXY');

  it('sets every TENANT_CONTEXT header from the authorizer context, the origin secret to a static value, and no other header', () => {
    expect(proxies().length).toBeGreaterThan(0);
    for (const [, integration] of proxies()) {
      expect(headerMappings(integration.request_parameters)).toEqual(expected);
    }
  });

  it('feeds no integration header from the client request', () => {
    for (const [, integration] of proxies()) {
      for (const source of Object.values(headerMappings(integration.request_parameters))) {
        expect(source).toMatch(/^(context\.authorizer\.[A-Za-z]+|'[a-z-]+')$/);
      }
    }
  });
});
