/**
 * The three baselines the authorizer is compared with, each verifying the same RS256
 * token: the floor (raw node:crypto verify, key already imported), aws-jwt-verify alone
 * (JWKS cached), and the conventional Lambda authorizer (jsonwebtoken + jwks-rsa with
 * its cache, JWKS served once from a loopback server).
 */

import { verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JwtRsaVerifier } from 'aws-jwt-verify';
import jwt from 'jsonwebtoken';
import jwksClient from 'jwks-rsa';
import type { SigningKey } from './rs256-fixtures';

/** Raw RS256 verify: split, decode the signature, `crypto.verify`. No claim checks. */
export function rawVerifier(publicKey: KeyObject): (token: string) => boolean {
  return (token) => {
    const dot = token.lastIndexOf('.');
    const ok = cryptoVerify(
      'RSA-SHA256',
      Buffer.from(token.slice(0, dot)),
      publicKey,
      Buffer.from(token.slice(dot + 1), 'base64url'),
    );
    if (!ok) throw new Error('bad signature');
    return ok;
  };
}

/** aws-jwt-verify's RSA verifier with the JWKS pre-cached (no network). */
export function awsJwtVerifier(
  issuer: string,
  clientId: string,
  key: SigningKey,
): (token: string) => Promise<unknown> {
  const verifier = JwtRsaVerifier.create({
    issuer,
    audience: null,
    jwksUri: `${issuer}/.well-known/jwks.json`,
    customJwtCheck: ({ payload }) => {
      if (payload.client_id !== clientId) throw new Error('client');
    },
  });
  verifier.cacheJwks({ keys: [key.jwk] } as never);
  return (token) => verifier.verify(token);
}

/** Serves `{"keys":[...]}` on 127.0.0.1 and counts requests. */
export async function serveJwks(
  keys: readonly SigningKey[],
): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  let count = 0;
  const body = JSON.stringify({ keys: keys.map((k) => k.jwk) });
  const server: Server = createServer((_req, res) => {
    count++;
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    requests: () => count,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The conventional authorizer: decode, jwks-rsa getSigningKey (cached), jsonwebtoken verify. */
export function conventionalVerifier(issuer: string, jwksUri: string): (token: string) => Promise<unknown> {
  const client = jwksClient({
    jwksUri,
    cache: true,
    cacheMaxEntries: 5,
    cacheMaxAge: 600_000,
    rateLimit: true,
  });
  return async (token) => {
    const decoded = jwt.decode(token, { complete: true });
    if (!decoded || typeof decoded === 'string' || !decoded.header.kid) throw new Error('Unauthorized');
    const key = await client.getSigningKey(decoded.header.kid);
    return jwt.verify(token, key.getPublicKey(), { algorithms: ['RS256'], issuer });
  };
}
