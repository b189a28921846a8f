import { describe, expect, it } from '@jest/globals';
import { originItem } from '../../src/origins';
import { REFUSED_ORIGINS } from '../../testing/origin-cases';

describe('originItem', () => {
  it.each([
    ['https://app.example.com', 'https://app.example.com'],
    ['https://b.example.com:8443', 'https://b.example.com:8443'],
    ['https://EU.App.example.com/', 'https://eu.app.example.com'],
    ['http://localhost:5173', 'http://localhost:5173'],
    ['http://acme.localhost:8080', 'http://acme.localhost:8080'],
    ['http://127.0.0.1:3000', 'http://127.0.0.1:3000'],
    ['https://xn--bcher-kva.example', 'https://xn--bcher-kva.example'],
  ])('accepts %j as %j', (entry, origin) => {
    expect(originItem(entry)).toEqual({ value: origin });
  });

  it.each([
    ...REFUSED_ORIGINS,
    ['https://app.example.com:443', /not an origin/],
    ['https://bücher.example', /not an origin/],
  ])('refuses %j', (entry, problem) => {
    const result = originItem(entry);
    expect('problem' in result && result.problem).toMatch(problem);
  });
});
