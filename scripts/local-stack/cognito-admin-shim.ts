/**
 * cognito-local 5.3 does not implement `AdminUserGlobalSignOut`: it answers HTTP 500
 * `CognitoLocal#Unsupported`. This shim sits in front of it for the sign-out function only
 * (its `AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER`): every other operation is forwarded
 * unchanged, and `AdminUserGlobalSignOut` is answered here after cognito-local's
 * `AdminGetUser` confirms the pool and user (its errors, such as `UserNotFoundException`,
 * are passed through), and the call is recorded for tests.
 *
 * What it cannot do: revoke the user's refresh tokens. cognito-local keeps them in memory
 * and revokes one only when given the token (`RevokeToken`). On the local stack a forced
 * sign-out therefore refuses every token issued before the cut-off (the authorizer's
 * revocation check, which is what this feature adds), but a refresh token kept by the
 * client can still mint new tokens. In AWS, `AdminUserGlobalSignOut` revokes them.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { BodyTooLargeError, close, listen, readBody } from './http-io';

export interface SignOutCall {
  readonly userPoolId: string;
  readonly username: string;
  /** Epoch milliseconds. */
  readonly at: number;
}

export interface CognitoAdminShim {
  /** `http://127.0.0.1:<port>`: the sign-out function's Cognito endpoint. */
  readonly endpoint: string;
  readonly port: number;
  /** The `AdminUserGlobalSignOut` calls answered so far, oldest first. */
  signOutCalls(): readonly SignOutCall[];
  close(): Promise<void>;
}

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';
const CONTENT_TYPE = 'application/x-amz-json-1.1';
// Cognito requests are small; anything larger is refused before it is buffered.
const MAX_BODY_BYTES = 1024 * 1024;
const MAX_CALLS_KEPT = 1000;

interface Upstream {
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
}

async function callUpstream(endpoint: string, target: string, body: Buffer): Promise<Upstream> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': CONTENT_TYPE, 'x-amz-target': target },
    body: new Uint8Array(body),
    signal: AbortSignal.timeout(10_000),
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? CONTENT_TYPE,
    body: Buffer.from(await response.arrayBuffer()),
  };
}

function send(res: ServerResponse, answer: Upstream): void {
  res.writeHead(answer.status, {
    'content-type': answer.contentType,
    'content-length': String(answer.body.length),
  });
  res.end(answer.body);
}

const json = (status: number, body: unknown): Upstream => ({
  status,
  contentType: CONTENT_TYPE,
  body: Buffer.from(JSON.stringify(body)),
});

/** The user pool id and username of an AdminUserGlobalSignOut request, or undefined. */
export function readSignOutRequest(body: Buffer): { userPoolId: string; username: string } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  const fields = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  const { UserPoolId: userPoolId, Username: username } = fields;
  if (typeof userPoolId !== 'string' || typeof username !== 'string') return undefined;
  if (userPoolId === '' || username === '') return undefined;
  return { userPoolId, username };
}

/** Starts the shim on 127.0.0.1 (`port` 0 picks a free one) in front of `cognitoEndpoint`. */
export async function startCognitoAdminShim(options: {
  readonly cognitoEndpoint: string;
  readonly port?: number;
  readonly now?: () => number;
}): Promise<CognitoAdminShim> {
  const calls: SignOutCall[] = [];
  const now = options.now ?? Date.now;

  async function handle(req: IncomingMessage): Promise<Upstream> {
    const target = req.headers['x-amz-target'];
    if (req.method !== 'POST' || typeof target !== 'string' || !target.startsWith(TARGET_PREFIX)) {
      return json(400, { __type: 'UnknownOperationException', message: 'not a Cognito API call' });
    }
    const body = await readBody(req, MAX_BODY_BYTES);
    if (target !== `${TARGET_PREFIX}AdminUserGlobalSignOut`) {
      return callUpstream(options.cognitoEndpoint, target, body);
    }
    const request = readSignOutRequest(body);
    if (request === undefined) {
      return json(400, {
        __type: 'InvalidParameterException',
        message: 'UserPoolId and Username are required',
      });
    }
    // The user must exist in that pool, exactly as AdminUserGlobalSignOut requires.
    const found = await callUpstream(
      options.cognitoEndpoint,
      `${TARGET_PREFIX}AdminGetUser`,
      Buffer.from(JSON.stringify({ UserPoolId: request.userPoolId, Username: request.username })),
    );
    if (found.status !== 200) return found;
    calls.push({ ...request, at: now() });
    if (calls.length > MAX_CALLS_KEPT) calls.shift();
    return json(200, {});
  }

  const server = createServer((req, res) => {
    handle(req).then(
      (answer) => send(res, answer),
      (error: unknown) =>
        send(
          res,
          error instanceof BodyTooLargeError
            ? json(413, { __type: 'RequestTooLarge', message: 'request too large' })
            : json(502, { __type: 'InternalErrorException', message: 'cognito-local did not answer' }),
        ),
    );
  });
  const port = await listen(server, options.port ?? 0);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    signOutCalls: () => [...calls],
    close: () => close(server),
  };
}
