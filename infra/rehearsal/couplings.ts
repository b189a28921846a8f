/**
 * The platform resources that adding a tenant still changes in the one-stack layout (issue
 * #21; the tenantStacks layout has none, tests/synth/tenant-stacks.test.ts), each with its
 * reason, in one list: `tests/synth/onboarding.test.ts` checks the synthesized JSON against
 * it (resource and attributes), and the deploy rehearsal checks the plan of the tenant round
 * against it (resource), so a new coupling fails both. A slice of #21 that cuts a coupling
 * removes it here.
 */
import { keyTemplates } from '@cognito-tenancy/registry/keys';
import { resourceNames } from '../src/names';
import { configOf, type PlannedChange, type Resources } from './plan-drift';

type Body = Readonly<Record<string, unknown>>;

/** A change adding a tenant still makes: which resources, which attributes, and why. */
export interface Coupling {
  readonly label: string;
  readonly matches: (type: string, body: Body) => boolean;
  /** Top-level attributes of the synthesized resource that may change. */
  readonly attributes: readonly string[];
  readonly reason: string;
}

/** The couplings left for later slices of #21, in every environment. */
export function coreCouplings(environment: string, registryPrefix: string): Coupling[] {
  const sharedClient = `${resourceNames(environment).sharedPool}-web`;
  const indexPrefix = keyTemplates.issuerIndexParameter(registryPrefix, 0).replace(/0$/, '');
  return [
    {
      label: 'issuer-index shard',
      matches: (type, body) =>
        type === 'aws_ssm_parameter' &&
        typeof body.name === 'string' &&
        body.name.startsWith(indexPrefix) &&
        /^\d+$/.test(body.name.slice(indexPrefix.length)),
      attributes: ['value'],
      reason:
        'the issuer index lists every pool id (100 per shard) so the authorizer can tell a registered pool from an unknown one without a read per pool; a new dedicated pool joins a shard (one-stack layout only: with tenantStacks the deploy tool writes the index)',
    },
    {
      label: 'shared app client',
      matches: (type, body) => type === 'aws_cognito_user_pool_client' && body.name === sharedClient,
      // depends_on: the client waits for the IdPs it names.
      attributes: ['supported_identity_providers', 'depends_on'],
      reason:
        'one app client in the shared pool lists every shared IdP (one-stack layout only: with tenantStacks each shared tenant has a client of its own)',
    },
  ];
}

/**
 * Hosting (`hosting` in the file) lists tenants in CloudFront and S3 resources: not part of
 * the first slices, listed so that any other change still fails.
 */
export const HOSTING_COUPLINGS: readonly Coupling[] = [
  {
    label: 'SPA security headers',
    matches: (type) => type === 'aws_cloudfront_response_headers_policy',
    attributes: ['security_headers_config'],
    reason: "the CSP's connect-src names every pool's hosted-UI domain",
  },
  {
    label: 'SPA bucket policy',
    matches: (type) => type === 'aws_s3_bucket_policy',
    attributes: ['policy'],
    reason: 'without a certificate each dedicated tenant has a distribution, and the policy names each',
  },
  {
    label: 'hosting certificate',
    matches: (type) => type === 'aws_acm_certificate',
    attributes: ['subject_alternative_names'],
    reason: 'one certificate covers every tenant host',
  },
  {
    label: 'certificate validation',
    matches: (type) => type === 'aws_acm_certificate_validation',
    attributes: ['validation_record_fqdns'],
    reason: 'it waits for the validation record of every tenant host',
  },
  {
    label: 'main distribution aliases',
    matches: (type, body) => type === 'aws_cloudfront_distribution' && Array.isArray(body.aliases),
    attributes: ['aliases'],
    reason: 'with a certificate one distribution serves every tenant host',
  },
  {
    label: 'forward-host function',
    matches: (type) => type === 'aws_cloudfront_function',
    attributes: ['code'],
    reason: 'it refuses hosts outside its list of every tenant host',
  },
];

/** Every coupling of an environment: the core ones, and the hosting ones when it has `hosting`. */
export function couplingsOf(env: {
  readonly environment: string;
  readonly registryPrefix: string;
  readonly hosting?: unknown;
}): Coupling[] {
  return [...coreCouplings(env.environment, env.registryPrefix), ...(env.hosting ? HOSTING_COUPLINGS : [])];
}

/**
 * The planned in-place updates of existing resources that no coupling explains (by resource:
 * a plan also lists attributes Terraform only knows after apply, so attributes are the
 * synth test's to check). Empty: the new tenants touched only the listed couplings.
 */
export function uncoupledUpdates(
  changes: readonly PlannedChange[],
  resources: Resources,
  couplings: readonly Coupling[],
): PlannedChange[] {
  return changes.filter(
    (change) => change.actions.join() === 'update' && couplingOf(change, resources, couplings) === undefined,
  );
}

/** The coupling that explains a planned change of an existing resource, if any. */
export function couplingOf(
  change: PlannedChange,
  resources: Resources,
  couplings: readonly Coupling[],
): Coupling | undefined {
  const body = configOf(resources, change.address);
  return body === undefined ? undefined : couplings.find((c) => c.matches(change.type, body));
}
