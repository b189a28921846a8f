/**
 * Self-signed X.509 certificates built with node:crypto alone (a small DER encoder plus
 * crypto.sign), so validity dates can be anything: expired, expiring, future. The local SAML
 * IdPs (local-idp.ts) get theirs here per run; the tenant tests import it for their cases.
 */
import { createPrivateKey, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';

const der = (tag: number, content: Buffer): Buffer => {
  const n = content.length;
  const length =
    n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, content]);
};
const seq = (...parts: Buffer[]) => der(0x30, Buffer.concat(parts));
const set = (...parts: Buffer[]) => der(0x31, Buffer.concat(parts));

function oid(dotted: string): Buffer {
  const [a = 0, b = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [40 * a + b];
  for (const value of rest) {
    const chunk = [value & 0x7f];
    for (let v = value >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return der(0x06, Buffer.from(bytes));
}

function integer(raw: Buffer): Buffer {
  let bytes = raw;
  // DER integers are minimal: OpenSSL refuses a leading zero byte before a byte under 0x80,
  // which a random serial starting with 0x00 produced in about 1 of 500 certificates.
  while (bytes.length > 1 && bytes[0] === 0 && (bytes[1] ?? 0) < 0x80) bytes = bytes.subarray(1);
  return der(0x02, (bytes[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}

function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050
    ? der(0x17, Buffer.from(`${iso.slice(2)}Z`))
    : der(0x18, Buffer.from(`${iso}Z`));
}

const commonName = (cn: string) => seq(set(seq(oid('2.5.4.3'), der(0x0c, Buffer.from(cn)))));

export interface TestCertificate {
  /** Base64 DER, as in `<ds:X509Certificate>`. */
  readonly base64: string;
  readonly pem: string;
  readonly privateKeyPem: string;
}

export interface CertificateOptions {
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly commonName?: string;
  /** `rsa` (with modulusLength) or `ec` (P-256, the fast default). */
  readonly key?: { type: 'rsa'; bits: number } | { type: 'ec' };
  /** IPv4 subjectAltName, for a TLS server certificate. */
  readonly ipAddress?: string;
}

let cachedEcKey: { privateKey: KeyObject; publicKey: KeyObject } | undefined;

/** Creates a self-signed certificate. */
export function createCertificate(options: CertificateOptions): TestCertificate {
  const keyType = options.key ?? { type: 'ec' };
  if (keyType.type === 'ec') cachedEcKey ??= generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const keys =
    keyType.type === 'ec' && cachedEcKey
      ? cachedEcKey
      : generateKeyPairSync('rsa', { modulusLength: keyType.type === 'rsa' ? keyType.bits : 2048 });
  const algorithm =
    keyType.type === 'ec'
      ? seq(oid('1.2.840.10045.4.3.2'))
      : seq(oid('1.2.840.113549.1.1.11'), Buffer.from([0x05, 0x00]));
  const name = commonName(options.commonName ?? 'idp.test');
  const extensions = [
    seq(oid('2.5.29.19'), der(0x01, Buffer.from([0xff])), der(0x04, seq(der(0x01, Buffer.from([0xff]))))),
  ];
  if (options.ipAddress) {
    const ip = Buffer.from(options.ipAddress.split('.').map(Number));
    extensions.push(seq(oid('2.5.29.17'), der(0x04, seq(der(0x87, ip)))));
  }
  const tbs = seq(
    der(0xa0, integer(Buffer.from([2]))),
    integer(randomBytes(8)),
    algorithm,
    name,
    seq(time(options.notBefore), time(options.notAfter)),
    name,
    keys.publicKey.export({ type: 'spki', format: 'der' }),
    der(0xa3, seq(...extensions)),
  );
  const signature = sign('sha256', tbs, keys.privateKey);
  const certificate = seq(tbs, algorithm, der(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const base64 = certificate.toString('base64');
  return {
    base64,
    pem: `-----BEGIN CERTIFICATE-----\n${(base64.match(/.{1,64}/g) ?? []).join('\n')}\n-----END CERTIFICATE-----\n`,
    privateKeyPem: createPrivateKey(keys.privateKey.export({ type: 'pkcs8', format: 'pem' })).export({
      type: 'pkcs8',
      format: 'pem',
    }) as string,
  };
}

const DAY = 86_400_000;

/** A certificate valid from `fromDays` to `toDays` relative to `now`. */
export function certificateAround(
  now: Date,
  fromDays: number,
  toDays: number,
  extra: Partial<CertificateOptions> = {},
) {
  return createCertificate({
    notBefore: new Date(now.getTime() + fromDays * DAY),
    notAfter: new Date(now.getTime() + toDays * DAY),
    ...extra,
  });
}
