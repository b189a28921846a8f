import { describe, expect, it } from '@jest/globals';
import { createJsonLineLogger, logLevelFrom } from '../../src/json-line-logger';

function setup(level: Parameters<typeof createJsonLineLogger>[0]['level']) {
  const lines: string[] = [];
  const logger = createJsonLineLogger({
    service: 'authorizer',
    level,
    write: (line) => lines.push(line),
    now: () => new Date('2026-11-21T10:00:00.000Z'),
  });
  return { logger, lines };
}

describe('json line logger', () => {
  it('writes one parseable JSON line in the Powertools shape', () => {
    const { logger, lines } = setup('INFO');
    logger.info('allowed', {
      reason: 'allowed',
      tenantId: 'acme',
      latencyMs: 1.5,
      cached: true,
      skip: undefined,
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.endsWith('}\n')).toBe(true);
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      level: 'INFO',
      message: 'allowed',
      timestamp: '2026-11-21T10:00:00.000Z',
      service: 'authorizer',
      reason: 'allowed',
      tenantId: 'acme',
      latencyMs: 1.5,
      cached: true,
    });
  });

  it('writes debug lines only at DEBUG', () => {
    const info = setup('INFO');
    info.logger.debug?.('allowed', { reason: 'allowed' });
    expect(info.lines).toEqual([]);
    const debug = setup('DEBUG');
    debug.logger.debug?.('allowed', { reason: 'allowed' });
    expect(JSON.parse(debug.lines[0] ?? '').level).toBe('DEBUG');
  });

  it('drops lines below the level', () => {
    const { logger, lines } = setup('WARN');
    logger.info('allowed', { reason: 'x' });
    logger.warn('denied', { reason: 'y' });
    logger.error('failed', { reason: 'z' });
    expect(lines.map((l) => JSON.parse(l).level)).toEqual(['WARN', 'ERROR']);
  });

  it('cannot be broken out of by field values or keys', () => {
    const { logger, lines } = setup('INFO');
    logger.info('m"\n', { 'a"b': '"}\n{"level":"ERROR"', reason: '\u2028' });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.split('\n')).toHaveLength(2);
    const parsed = JSON.parse(lines[0] ?? '');
    expect(parsed.level).toBe('INFO');
    expect(parsed['a"b']).toBe('"}\n{"level":"ERROR"');
  });

  it('reads the level like Powertools does', () => {
    expect(logLevelFrom({})).toBe('INFO');
    expect(logLevelFrom({ POWERTOOLS_LOG_LEVEL: 'warn' })).toBe('WARN');
    expect(logLevelFrom({ AWS_LAMBDA_LOG_LEVEL: 'ERROR' })).toBe('ERROR');
    expect(logLevelFrom({ POWERTOOLS_LOG_LEVEL: 'critical' })).toBe('ERROR');
    expect(logLevelFrom({ POWERTOOLS_LOG_LEVEL: 'trace' })).toBe('DEBUG');
    expect(logLevelFrom({ POWERTOOLS_LOG_LEVEL: 'silent' })).toBe('SILENT');
    expect(logLevelFrom({ POWERTOOLS_LOG_LEVEL: 'bogus' })).toBe('INFO');
  });
});
