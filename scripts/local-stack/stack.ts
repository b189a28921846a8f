/**
 * Starts every part of the local stack on loopback, in dependency order, seeds it from
 * the environment file and returns its endpoints and demo users. The gateway, the Lambda
 * environments and the DynamoDB tables are a twin of what infra synthesizes for the
 * environment (gateway/twin-stack.ts), with the local overrides of lambda-overrides.ts. `stop()` closes the
 * parts in reverse order; a failed start closes what had started before rethrowing.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { ensureSpaBuild } from '@cognito-tenancy/build/spa-build';
import { loadEnvironmentFile, type ResolvedEnvironment } from '@cognito-tenancy/registry/environment';
import type { EnvironmentPools } from '@cognito-tenancy/registry/registry-entries';
import { shardDomainPrefix } from '@cognito-tenancy/registry/shared-pools';
import { ensureBundles, MissingBuildError } from './build-check';
import { type SignOutCall, startCognitoAdminShim } from './cognito-admin-shim';
import { localCognitoClient, signInWithPassword } from './cognito-fixtures';
import { startCognitoLocal } from './cognito-local';
import { loadDemoUsers } from './demo-users';
import { localDynamoDbClient, startDynamoDbLocal } from './dynamodb-local';
import { createGateway, type GatewayLogEntry } from './gateway/gateway-server';
import { createLambdaInvoker } from './gateway/lambda-invoker';
import { synthesizeEnvironment } from './gateway/synth-environment';
import { functionEnvironment, readTwinStack, type TwinStack } from './gateway/twin-stack';
import { createTwinTables } from './gateway/twin-tables';
import { close, listen } from './http-io';
import { builtBundle, startLambdaInvokeServer } from './lambda-invoke-server';
import { pageOrigins, withLocalOverrides } from './lambda-overrides';
import { type AppClient, appClients } from './managed-login/app-clients';
import { environmentOnWebPort } from './managed-login/local-urls';
import { createManagedLogin, WrongCredentialsError } from './managed-login/managed-login';
import { type Part, REPO_ROOT, type StackOptions } from './options';
import { checkPorts } from './ports';
import { createSamlStep, type LocalFederation, prepareLocalFederation } from './saml/local-federation';
import { createLocalIdpHandler } from './saml/local-idp';
import { createItemsStore } from './sample-service/items-store';
import { createSampleService } from './sample-service/service-server';
import { type SeededUser, seedPools, seedRegistry, seedUsers } from './seed';
import { startSsmServer } from './ssm-server';
import { prepareStateDir, resetStateDir } from './state-dir';
import { localAppSettings } from './web/app-settings';
import { createWebServer, LOGIN_HOST } from './web/web-server';

export interface LocalStack {
  readonly env: ResolvedEnvironment;
  readonly pools: EnvironmentPools;
  readonly users: readonly SeededUser[];
  readonly password: string;
  /** Bound ports (when 0 was asked for, the one picked). */
  readonly ports: Readonly<Record<Part, number>>;
  readonly urls: {
    readonly gateway: string;
    readonly web: string;
    /** The managed-login stand-in (the local "Cognito domain"). */
    readonly login: string;
    readonly cognito: string;
    readonly ssm: string;
    readonly dynamodb: string;
    readonly lambda: string;
    readonly service: string;
  };
  readonly authorizerCacheTtlSeconds: number;
  /** The authorizer's revocation cache TTL (forced sign-out); undefined: its default (30 s). */
  readonly revocationCacheTtlSeconds: number | undefined;
  readonly logDir: string;
  /** Local federation: each tenant's IdP metadata file and the environment file reading them. */
  readonly saml: {
    readonly environmentFile: string;
    readonly metadataFiles: Readonly<Record<string, string>>;
  };
  /** What the gateway serves: the synthesized stack as read. */
  readonly twin: TwinStack;
  /** The synthesized `cdk.tf.json` the twin was built from. */
  readonly synthesizedFile: string;
  /**
   * The `AdminUserGlobalSignOut` calls sign-out made (answered by the admin shim: cognito-local
   * lacks the operation and refresh tokens are not revoked locally; see cognito-admin-shim.ts).
   */
  signOutCalls(): readonly SignOutCall[];
  /** The gateway's last requests (newest last), for tests and troubleshooting. */
  recentRequests(): readonly GatewayLogEntry[];
  stop(): Promise<void>;
}

/** Reports progress: one line per step. */
export type Progress = (line: string) => void;

const SAMPLE_ITEMS = (tenantName: string) => [
  `Welcome to ${tenantName}'s list`,
  'Only this tenant can see these items',
];

/** For tests: change the synthesized document before the twin reads it (a drifted fixture). */
export interface StackHooks {
  readonly editSynthesized?: (document: {
    resource: Record<string, Record<string, Record<string, unknown>>>;
  }) => void;
}

/** Starts the stack. */
export async function startLocalStack(
  options: StackOptions,
  progress: Progress = () => {},
  hooks: StackHooks = {},
): Promise<LocalStack> {
  const fileEnv = loadEnvironmentFile(options.envFile);
  const demo = loadDemoUsers(options.usersFile, fileEnv);
  ensureBundles(options.build, progress);
  ensureSpaBuild(progress);
  if (options.reset) {
    progress(`reset: removing ${options.stateDir}`);
    resetStateDir(options.stateDir);
  }
  prepareStateDir(options.stateDir);
  const synthStarted = Date.now();
  const synthesized = synthesizeEnvironment(
    REPO_ROOT,
    options.envFile,
    fileEnv.environment,
    join(options.stateDir, 'cdktf.out'),
  );
  hooks.editSynthesized?.(synthesized.document as Parameters<NonNullable<StackHooks['editSynthesized']>>[0]);
  const twin = readTwinStack(synthesized.document);
  const proxied = twin.methods.some((m) => m.integration.type === 'HTTP_PROXY');
  if (options.serviceUrl !== undefined && !proxied) {
    throw new Error(
      `--service-url: environment ${fileEnv.environment} has no HTTP_PROXY integration ({proxy+} is a Lambda because api.serviceUrl is not set); set api.serviceUrl in ${options.envFile} to proxy to a service`,
    );
  }
  const packages = [...new Set(twin.functions.map((f) => f.packageName))];
  const unbuilt = packages.filter((name) => !existsSync(builtBundle(name)));
  if (unbuilt.length > 0) {
    throw new MissingBuildError(
      `no built bundle for ${unbuilt.join(', ')}.\nRun \`./scripts/pnpmw build\` first.`,
    );
  }
  progress(
    `synthesized ${fileEnv.environment} in ${((Date.now() - synthStarted) / 1000).toFixed(1)} s: ${twin.methods.length} methods, ${twin.functions.length} functions, ${twin.tables.length} tables (${synthesized.file})`,
  );
  await checkPorts(options.serviceUrl || !proxied ? { ...options.ports, service: 0 } : options.ports);
  const logDir = join(options.stateDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const stops: Array<() => Promise<void>> = [];
  const logs = new Map<string, WriteStream>();
  const logTo = (name: string) => {
    let stream = logs.get(name);
    if (!stream) {
      stream = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' });
      logs.set(name, stream);
    }
    return stream;
  };
  stops.push(async () => {
    await Promise.all([...logs.values()].map((s) => new Promise<void>((resolve) => s.end(() => resolve()))));
  });
  const stop = async () => {
    for (const fn of stops.reverse().splice(0)) await fn().catch(() => {});
  };
  const ports = { ...options.ports };
  let env = fileEnv;
  try {
    progress(`environment ${env.environment}: ${env.tenants.length} tenants (${options.envFile})`);
    const ssm = await startSsmServer({
      port: ports.ssm,
      file: join(options.stateDir, 'ssm-parameters.json'),
    });
    ports.ssm = ssm.port;
    stops.push(() => ssm.close());
    progress(`Parameter Store stand-in on ${ssm.url}`);

    const dynamo = await startDynamoDbLocal({
      port: ports.dynamodb,
      path: join(options.stateDir, 'dynamodb'),
    });
    ports.dynamodb = dynamo.port;
    stops.push(() => dynamo.close());
    progress(`DynamoDB (dynalite) on ${dynamo.endpoint}`);

    const lambda = await startLambdaInvokeServer({
      port: ports.lambda,
      // Local override: at least 10 s per call, for cold starts in a busy local Node.
      functions: Object.fromEntries(
        twin.functions.map((f) => [
          f.packageName,
          { bundle: builtBundle(f.packageName), timeoutMs: Math.max(10_000, f.timeoutSeconds * 1000) },
        ]),
      ),
      onLog: (name, line) => logTo(name).write(`${line}\n`),
    });
    stops.push(() => lambda.close());
    ports.lambda = Number(new URL(lambda.url).port);
    progress(`Lambda Invoke API on ${lambda.url} (${packages.join(', ')})`);

    const cognito = await startCognitoLocal({
      port: ports.cognito,
      lambdaEndpoint: lambda.url,
      dataDir: join(options.stateDir, 'cognito'),
      onLog: (line) => logTo('cognito-local').write(`${line}\n`),
    });
    stops.push(() => cognito.close());
    ports.cognito = Number(new URL(cognito.endpoint).port);
    progress(`cognito-local on ${cognito.endpoint} (Pre Token Generation -> pre-token-gen)`);
    const shim = await startCognitoAdminShim({ cognitoEndpoint: cognito.endpoint });
    stops.push(() => shim.close());
    progress(
      `Cognito admin shim on ${shim.endpoint} (AdminUserGlobalSignOut for sign-out; the rest forwarded)`,
    );

    const client = localCognitoClient(cognito.endpoint);
    const dynamodb = localDynamoDbClient(dynamo.endpoint);
    stops.push(async () => {
      client.destroy();
      dynamodb.destroy();
    });

    // The web server (SPA + managed-login stand-in) listens before seeding: the registry
    // records name the stand-in's origin and callback URLs on the web port.
    let gatewayPort = 0;
    let clients: ReadonlyMap<string, AppClient> | undefined;
    let settings: Record<string, unknown> = {};
    const loginOrigin = () => `http://${LOGIN_HOST}:${ports.web}`;
    // Demo users sign in through their tenant's local SAML IdP; the federated sign-in keeps
    // their demo password so the tests' password shortcut (tests/e2e/http-flow.ts) still works.
    let federation: LocalFederation | undefined;
    const demoUsernames = new Set(
      demo.users.flatMap((u) => {
        const tenant = fileEnv.tenants.find((t) => t.id === u.tenant);
        return tenant ? [`${tenant.idp.name}_${u.email}`] : [];
      }),
    );
    const samlLog = (line: string) => logTo('saml').write(`${line}\n`);
    const managedLogin = createManagedLogin({
      origin: loginOrigin,
      cognitoEndpoint: cognito.endpoint,
      clients: () => clients,
      saml: {
        step: createSamlStep({
          federation: () => federation,
          env: () => env,
          cognito: client,
          passwordFor: (username) => (demoUsernames.has(username) ? demo.password : undefined),
          log: samlLog,
        }),
        handleIdp: createLocalIdpHandler({
          idps: () => federation?.idps ?? new Map(),
          password: () => demo.password,
          log: samlLog,
        }),
        log: samlLog,
      },
      passwordSignIn: async (clientId, username, password) => {
        try {
          const result = await signInWithPassword(client, clientId, username, password);
          if (!result.IdToken || !result.AccessToken) throw new Error('cognito-local returned no tokens');
          return {
            idToken: result.IdToken,
            accessToken: result.AccessToken,
            expiresIn: result.ExpiresIn ?? 3600,
          };
        } catch (error) {
          // cognito-local answers a wrong password InvalidPassword; Cognito says NotAuthorized.
          if (/NotAuthorized|UserNotFound|InvalidPassword/.test((error as Error).name)) {
            throw new WrongCredentialsError('wrong email or password');
          }
          throw error;
        }
      },
    });
    const page = createWebServer({
      gatewayPort: () => gatewayPort,
      webPort: () => ports.web,
      appSettings: () => settings,
      managedLogin,
    });
    ports.web = await listen(page, ports.web);
    stops.push(() => close(page));
    env = environmentOnWebPort(env, ports.web);

    const pools = await seedPools(env, client, cognito.endpoint, loginOrigin());
    clients = appClients(env, pools);
    federation = prepareLocalFederation({
      env,
      pools,
      envFile: options.envFile,
      demo,
      stateDir: options.stateDir,
      loginOrigin: loginOrigin(),
    });
    progress(
      `local SAML IdPs: ${federation.idps.size} (keys made for this run; metadata in ${join(options.stateDir, 'saml')})`,
    );
    const ownClients = Object.keys(pools.sharedClients ?? {}).length;
    progress(
      `user pools: ${Object.keys(pools.dedicatedPools).length} dedicated + ${Object.keys(pools.sharedPools ?? {}).length} shared${env.tenantStacks ? ` (tenantStacks: ${ownClients} shared tenants with their own app client, no common one)` : ''}`,
    );
    await createTwinTables(dynamodb, twin.tables);
    progress(`DynamoDB tables: ${twin.tables.map((t) => t.name).join(', ')}`);
    const poolIdByDomain = new Map<string, string>();
    for (const tenant of env.tenants) {
      const pool = pools.dedicatedPools[tenant.id];
      if (tenant.pool && pool) poolIdByDomain.set(tenant.pool.domainPrefix, pool.userPoolId);
    }
    for (const [shard, pool] of Object.entries(pools.sharedPools ?? {})) {
      if (env.sharedPool)
        poolIdByDomain.set(shardDomainPrefix(env.sharedPool.domainPrefix, shard), pool.userPoolId);
    }
    const synthesizedEnvs = new Map(
      twin.functions.map((f) => [
        f.packageName,
        functionEnvironment(synthesized.document, f, { userPoolId: (domain) => poolIdByDomain.get(domain) }),
      ]),
    );
    const tenantTable = [...synthesizedEnvs.values()].find((e) => e.TENANT_TABLE_NAME)?.TENANT_TABLE_NAME;
    const entries = await seedRegistry(env, pools, {
      ssmUrl: ssm.url,
      dynamodb,
      ...(tenantTable === undefined ? {} : { tenantTable }),
    });
    progress(
      `registry: ${entries.parameters.length} SSM parameters, ${entries.items.length} tenant table items`,
    );

    let serviceUrl = options.serviceUrl;
    const gatewaySecret = randomBytes(24).toString('base64url');
    if (serviceUrl === undefined && proxied) {
      const adminGroups = Object.fromEntries(
        env.tenants.flatMap((t) => (t.groups.admin ? [[t.id, t.groups.admin]] : [])),
      );
      const seed = Object.fromEntries(env.tenants.map((t) => [t.id, SAMPLE_ITEMS(t.displayName)]));
      const store = createItemsStore({ seed, file: join(options.stateDir, 'sample-service.json') });
      const service = createSampleService({ store, adminGroups, gatewaySecret });
      ports.service = await listen(service, ports.service);
      stops.push(() => close(service));
      serviceUrl = `http://127.0.0.1:${ports.service}`;
      progress(`sample service on ${serviceUrl}`);
    }

    const ttl = options.authorizerCacheTtlSeconds ?? twin.authorizer?.ttlSeconds ?? 0;
    settings = localAppSettings(env, ttl, options.revocationCacheTtlSeconds);
    const gatewayLog = logTo('gateway');
    const recent: GatewayLogEntry[] = [];
    const origins = pageOrigins(env, ports.web);
    const gateway = createGateway({
      stack: twin,
      invoke: createLambdaInvoker({ endpoint: lambda.url }),
      functionNames: Object.fromEntries(twin.functions.map((f) => [f.functionName, f.packageName])),
      // Local override: the service's port is picked at start (the URI's path stays as synthesized).
      ...(serviceUrl === undefined ? {} : { serviceOrigin: serviceUrl }),
      ...(options.authorizerCacheTtlSeconds === undefined
        ? {}
        : { authorizerCacheTtlSeconds: options.authorizerCacheTtlSeconds }),
      corsOrigins: origins,
      ...(options.serviceUrl === undefined && serviceUrl !== undefined ? { gatewaySecret } : {}),
      log: (entry) => {
        gatewayLog.write(`${JSON.stringify(entry)}\n`);
        recent.push(entry);
        if (recent.length > 200) recent.shift();
      },
    }).server;
    ports.gateway = await listen(gateway, ports.gateway);
    gatewayPort = ports.gateway;
    stops.push(() => close(gateway));
    progress(`API gateway on http://127.0.0.1:${ports.gateway} (authorizer cache TTL ${ttl} s)`);

    const local = {
      ssmUrl: ssm.url,
      dynamodbUrl: dynamo.endpoint,
      corsOrigins: origins,
      cognitoEndpoint: cognito.endpoint,
      cognitoAdminEndpoint: shim.endpoint,
      ...(options.revocationCacheTtlSeconds === undefined
        ? {}
        : { revocationCacheTtlSeconds: options.revocationCacheTtlSeconds }),
    };
    for (const [name, synthesizedEnv] of synthesizedEnvs) {
      lambda.updateFunction(name, { environment: withLocalOverrides(name, synthesizedEnv, local) });
    }

    progress(
      `SPA (packages/spa/dist) on http://<tenant>.localhost:${ports.web}, managed-login stand-in on ${loginOrigin()}`,
    );

    const users = await seedUsers(env, pools, demo, client);
    const created = users.filter((u) => u.created).length;
    progress(`demo users: ${users.length} (${created} created, ${users.length - created} kept)`);

    return {
      env,
      pools,
      users,
      password: demo.password,
      ports,
      urls: {
        gateway: `http://127.0.0.1:${ports.gateway}`,
        web: `http://localhost:${ports.web}`,
        login: loginOrigin(),
        cognito: cognito.endpoint,
        ssm: ssm.url,
        dynamodb: dynamo.endpoint,
        lambda: lambda.url,
        service: serviceUrl ?? '',
      },
      authorizerCacheTtlSeconds: ttl,
      revocationCacheTtlSeconds: options.revocationCacheTtlSeconds,
      logDir,
      saml: {
        environmentFile: federation.environmentFile,
        metadataFiles: Object.fromEntries(federation.metadataFiles),
      },
      twin,
      synthesizedFile: synthesized.file,
      signOutCalls: () => shim.signOutCalls(),
      recentRequests: () => [...recent],
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
