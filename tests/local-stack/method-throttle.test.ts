/**
 * The twin's method throttling as API Gateway applies `aws_api_gateway_method_settings`:
 * a fractional rate refills slowly instead of closing the method, rate 0 or burst 0 refuses
 * every call, and a method without its own setting falls back to the stage-wide one.
 */

import { createMethodThrottle } from '@cognito-tenancy/local-stack/gateway/method-throttle';
import { describe, expect, it } from '@jest/globals';

describe('twin method throttling', () => {
  it('lets a 0.5 request/s method through once per two seconds (not a permanent 429)', () => {
    let now = 0;
    const take = createMethodThrottle(
      [{ methodPath: 'config/GET', ratePerSecond: 0.5, burst: 1 }],
      () => now,
    );
    expect([take('/config', 'GET'), take('/config', 'GET')]).toEqual([true, false]);
    now = 2_000;
    expect(take('/config', 'GET')).toBe(true);
  });

  it('refuses every call at rate 0 or burst 0, and falls back to the stage-wide bucket', () => {
    const take = createMethodThrottle(
      [
        { methodPath: 'config/GET', ratePerSecond: 0, burst: 5 },
        { methodPath: 'tenant-match/POST', ratePerSecond: 10, burst: 0 },
        { methodPath: '*/*', ratePerSecond: 100, burst: 2 },
      ],
      () => 0,
    );
    expect(take('/config', 'GET')).toBe(false);
    expect(take('/tenant-match', 'POST')).toBe(false);
    expect([take('/pets', 'GET'), take('/pets', 'GET'), take('/pets', 'GET')]).toEqual([true, true, false]);
  });
});
