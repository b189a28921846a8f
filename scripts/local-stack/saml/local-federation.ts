/**
 * Local federation for the stack: per tenant a local SAML IdP with a key and certificate
 * made for this run, its metadata written to `<state>/saml/<tenantId>-idp-metadata.xml`
 * (plus `<state>/saml/environment.json`, the environment file pointing at those files, so
 * `pnpm tenant check` reads them like any tenant's), and the SAML step the managed-login
 * stand-in calls: `begin` (the AuthnRequest redirect) and `finish` (the ACS: validate the
 * Response against the metadata file, then federate the user in cognito-local).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { ResolvedEnvironment } from '@cognito-tenancy/registry/environment';
import { type EnvironmentPools, tenantPool } from '@cognito-tenancy/registry/registry-entries';
import type { DemoUsers } from '../demo-users';
import { authnRequestRedirect } from './authn-request';
import { type FederatedTokens, poolAttributeMapping, signInFederatedUser } from './federated-user';
import { idpMetadataXml, readIdpMetadata } from './idp-metadata';
import type { LocalIdp } from './local-idp';
import { createReplayStore } from './replay-store';
import { cognitoAudience, samlId } from './saml-xml';
import { createCertificate } from './self-signed-certificate';
import { validateResponse } from './validate-response';

/** The ACS path, as on a Cognito domain. */
export const ACS_PATH = '/saml2/idpresponse';
const DAY = 86_400_000;

export interface LocalFederation {
  readonly idps: ReadonlyMap<string, LocalIdp>;
  /** tenantId -> the metadata file the ACS trusts. */
  readonly metadataFiles: ReadonlyMap<string, string>;
  /** The environment file copy whose tenants read those metadata files. */
  readonly environmentFile: string;
}

/** Makes the IdPs (RSA-2048 keys: Cognito accepts RSA signatures only) and writes their metadata. */
export function prepareLocalFederation(input: {
  readonly env: ResolvedEnvironment;
  readonly pools: EnvironmentPools;
  readonly envFile: string;
  readonly demo: DemoUsers;
  readonly stateDir: string;
  readonly loginOrigin: string;
  readonly now?: number;
}): LocalFederation {
  const dir = join(input.stateDir, 'saml');
  mkdirSync(dir, { recursive: true });
  const now = input.now ?? Date.now();
  const idps = new Map<string, LocalIdp>();
  const metadataFiles = new Map<string, string>();
  for (const tenant of input.env.tenants) {
    const pool = tenantPool(tenant, input.pools);
    if (pool === undefined) continue;
    const certificate = createCertificate({
      notBefore: new Date(now - DAY),
      notAfter: new Date(now + 365 * DAY),
      commonName: `${tenant.id}.local-idp.localhost`,
      key: { type: 'rsa', bits: 2048 },
    });
    const entityId = `${input.loginOrigin}/local-idp/${tenant.id}`;
    const idp: LocalIdp = {
      tenantId: tenant.id,
      idpName: tenant.idp.name,
      entityId,
      ssoUrl: `${entityId}/sso`,
      privateKeyPem: certificate.privateKeyPem,
      certificateBase64: certificate.base64,
      spEntityId: cognitoAudience(pool.userPoolId),
      acsUrl: `${input.loginOrigin}${ACS_PATH}`,
      attributeNames: tenant.idp.attributeMapping,
      users: input.demo.users.filter((u) => u.tenant === tenant.id),
    };
    const file = join(dir, `${tenant.id}-idp-metadata.xml`);
    writeFileSync(file, idpMetadataXml(idp));
    idps.set(tenant.id, idp);
    metadataFiles.set(tenant.id, file);
  }
  const raw = JSON.parse(readFileSync(input.envFile, 'utf8')) as { tenants?: Array<Record<string, unknown>> };
  for (const tenant of raw.tenants ?? []) {
    const file = metadataFiles.get(String(tenant.id));
    if (file === undefined || typeof tenant.idp !== 'object' || tenant.idp === null) continue;
    const { metadataUrl: _url, metadataFile: _file, ...idp } = tenant.idp as Record<string, unknown>;
    tenant.idp = { ...idp, metadataFile: basename(file) };
  }
  const environmentFile = join(dir, 'environment.json');
  writeFileSync(environmentFile, `${JSON.stringify(raw, null, 2)}\n`);
  return { idps, metadataFiles, environmentFile };
}

/** The pending sign-in the ACS checks a Response against. */
export interface SamlLogin {
  readonly tenantId: string;
  readonly userPoolId: string;
  readonly clientId: string;
  readonly requestId: string;
}

export interface SamlStepOptions {
  readonly federation: () => LocalFederation | undefined;
  readonly env: () => ResolvedEnvironment;
  readonly cognito: CognitoIdentityProviderClient;
  /** The password the federated user signs in with (demo users keep theirs); random when undefined. */
  readonly passwordFor?: (username: string) => string | undefined;
  readonly now?: () => number;
  readonly log?: (line: string) => void;
}

/** Assertion IDs are remembered until they expire; 10,000 covers any local burst. */
const REPLAY_ENTRIES = 10_000;

/** The SAML half of the managed-login stand-in. */
export function createSamlStep(options: SamlStepOptions) {
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const replay = createReplayStore(REPLAY_ENTRIES, now);
  const idpOf = (tenantId: string) => {
    const idp = options.federation()?.idps.get(tenantId);
    if (idp === undefined) throw new Error(`no local IdP for tenant ${tenantId} (federation not prepared)`);
    return idp;
  };

  return {
    /** The AuthnRequest redirect for a pending sign-in; `relayState` finds it again at the ACS. */
    begin(tenantId: string, relayState: string, loginHint?: string): { requestId: string; location: string } {
      const idp = idpOf(tenantId);
      const requestId = samlId(randomBytes(20));
      const location = new URL(
        authnRequestRedirect(
          {
            id: requestId,
            issuer: idp.spEntityId,
            acsUrl: idp.acsUrl,
            destination: idp.ssoUrl,
            issueInstant: now(),
          },
          relayState,
        ),
      );
      // Not part of SAML: the local IdP pre-fills the email the app already knows.
      if (loginHint) location.searchParams.set('login_hint', loginHint);
      return { requestId, location: location.toString() };
    },

    /** The ACS: throws a SamlResponseError for a refused Response, before any cognito-local call. */
    async finish(login: SamlLogin, samlResponse: string): Promise<FederatedTokens> {
      const idp = idpOf(login.tenantId);
      const file = options.federation()?.metadataFiles.get(login.tenantId) ?? '';
      const trusted = readIdpMetadata(readFileSync(file, 'utf8'), file);
      const assertion = validateResponse(
        samlResponse,
        {
          trusted,
          audience: cognitoAudience(login.userPoolId),
          acsUrl: idp.acsUrl,
          requestId: login.requestId,
          now: now(),
        },
        replay,
      );
      const tenant = options.env().tenants.find((t) => t.id === login.tenantId);
      if (tenant === undefined) throw new Error(`tenant ${login.tenantId} is not in the environment`);
      log(`acs ${login.tenantId}: accepted assertion ${assertion.assertionId} for ${assertion.nameId}`);
      return signInFederatedUser(
        options.cognito,
        {
          userPoolId: login.userPoolId,
          clientId: login.clientId,
          idpName: tenant.idp.name,
          attributeMapping: poolAttributeMapping(tenant),
        },
        assertion.nameId,
        assertion.attributes,
        options.passwordFor,
      );
    },
  };
}

export type SamlStep = ReturnType<typeof createSamlStep>;
