/**
 * Checks that every port the stack needs is free before anything starts, so the person
 * is told which port is taken, by which part, and which option moves it.
 */
import { createServer } from 'node:net';
import { PART_LABELS, type Part } from './options';

/** Resolves with the error code when `port` cannot be bound on `host`, else undefined. */
export function probePort(port: number, host = '127.0.0.1'): Promise<string | undefined> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(undefined)));
  });
}

/** A port the stack needs is in use; `message` names the part and the option. */
export class PortTakenError extends Error {
  override readonly name = 'PortTakenError';
}

/** Port 0 means "any free port" and is never checked. Duplicates are refused too. */
export async function checkPorts(
  ports: Readonly<Partial<Record<Part, number>>>,
  host = '127.0.0.1',
): Promise<void> {
  const problems: string[] = [];
  const seen = new Map<number, Part>();
  for (const [part, port] of Object.entries(ports) as [Part, number][]) {
    if (port === 0) continue;
    const other = seen.get(port);
    if (other !== undefined) {
      problems.push(`port ${port} is given to both the ${PART_LABELS[other]} and the ${PART_LABELS[part]}`);
      continue;
    }
    seen.set(port, part);
    const code = await probePort(port, host);
    if (code === 'EADDRINUSE') {
      problems.push(
        `port ${port} (${PART_LABELS[part]}) is taken by another program; free it or pass --${part}-port <n>`,
      );
    } else if (code !== undefined) {
      problems.push(`port ${port} (${PART_LABELS[part]}) cannot be used (${code}); pass --${part}-port <n>`);
    }
  }
  if (problems.length > 0) throw new PortTakenError(problems.join('\n'));
}
