import {
  DEFAULT_PORTS,
  MAX_PORT_OFFSET,
  PARTS,
  parseOptions,
  UsageError,
} from '@cognito-tenancy/local-stack/options';
import { describe, expect, it } from '@jest/globals';

describe('pnpm start --port-offset', () => {
  it('moves every default port by the offset', () => {
    const options = parseOptions(['--port-offset', '100'], '/tmp')!;
    for (const part of PARTS) expect(options.ports[part]).toBe(DEFAULT_PORTS[part] + 100);
  });

  it('lets an explicit --<part>-port win over the offset', () => {
    const options = parseOptions(['--port-offset', '10', '--web-port', '8080'], '/tmp')!;
    expect(options.ports.web).toBe(8080);
    expect(options.ports.gateway).toBe(DEFAULT_PORTS.gateway + 10);
  });

  it.each(['--port-offset=-1', 'ten', '1.5', String(MAX_PORT_OFFSET + 1)])(
    'refuses offset %s, naming the range',
    (raw) => {
      const argv = raw.startsWith('--') ? [raw] : ['--port-offset', raw];
      expect(() => parseOptions(argv, '/tmp')).toThrow(UsageError);
      expect(() => parseOptions(argv, '/tmp')).toThrow(`0 to ${MAX_PORT_OFFSET}`);
    },
  );

  it('accepts the largest offset, which keeps the highest port valid', () => {
    const options = parseOptions(['--port-offset', String(MAX_PORT_OFFSET)], '/tmp')!;
    expect(Math.max(...Object.values(options.ports))).toBe(65535);
  });
});
