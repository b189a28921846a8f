/**
 * A loopback HTTP proxy in front of the emulator that counts AWS API calls by service and
 * operation, so a measurement can say how many reads a `terraform plan` made. It forwards
 * every request unchanged and keeps nothing but the counts.
 */
import { createServer, type IncomingHttpHeaders, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * SSM parameter reads among counted calls: what comes out of the read throughput that
 * config-resolver's and the authorizer's lookups use too.
 */
export function ssmReads(counts: ReadonlyMap<string, number>): number {
  let reads = 0;
  for (const [operation, count] of counts)
    if (/^ssm (GetParameter|GetParameters|GetParametersByPath|DescribeParameters)$/.test(operation))
      reads += count;
  return reads;
}

/** `<service> <operation>` of one AWS API request, from its signature scope and protocol. */
export function awsOperation(
  method: string,
  url: string,
  headers: IncomingHttpHeaders,
  body: string,
): string {
  const scope = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(
    String(headers.authorization ?? ''),
  );
  const service = scope?.[1] ?? 'unsigned';
  // JSON protocols (Cognito, SSM, DynamoDB, CloudWatch Logs, WAF, ACM): X-Amz-Target.
  const target = headers['x-amz-target'];
  if (typeof target === 'string' && target.includes('.')) return `${service} ${target.split('.').pop()}`;
  // Query protocols (IAM, STS, SNS, CloudWatch): Action= in the query or the form body.
  const query = new URL(url, 'http://emulator').searchParams.get('Action');
  const form = /(?:^|&)Action=([A-Za-z0-9]+)/.exec(body)?.[1];
  if (query ?? form) return `${service} ${query ?? form}`;
  // REST protocols (API Gateway, Lambda, S3, CloudFront, Route 53): method and first path segment
  // that is not a version date.
  const segment = new URL(url, 'http://emulator').pathname
    .split('/')
    .find((part) => part !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(part));
  return `${service} ${method} /${segment ?? ''}`;
}

export interface RequestCounter {
  /** Where clients send requests instead of the emulator. */
  readonly endpoint: string;
  /** Operation -> count since the last reset. */
  counts(): ReadonlyMap<string, number>;
  reset(): void;
  stop(): Promise<void>;
}

/** Starts the proxy on 127.0.0.1 and a free port, forwarding to `target` (an http:// origin). */
export async function startRequestCounter(target: string): Promise<RequestCounter> {
  const upstream = new URL(target);
  let counts = new Map<string, number>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const operation = awsOperation(
        req.method ?? 'GET',
        req.url ?? '/',
        req.headers,
        body.toString('latin1'),
      );
      counts.set(operation, (counts.get(operation) ?? 0) + 1);
      const forwarded = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forwarded.on('error', (error) => {
        res.writeHead(502);
        res.end(`request counter: ${error.message}`);
      });
      forwarded.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    counts: () => counts,
    reset: () => {
      counts = new Map();
    },
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
