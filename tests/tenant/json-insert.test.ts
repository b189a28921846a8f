import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { DEFAULT_JSON_STYLE, formatJson } from '@cognito-tenancy/tenant-tool/json-format';
import { appendToTopLevelArray, detectStyle, JsonEditError } from '@cognito-tenancy/tenant-tool/json-insert';
import { describe, expect, it } from '@jest/globals';

const root = join(import.meta.dirname, '..', '..');
const tenant = { id: 'initech', hosts: ['initech.app.example.com'], idp: { name: 'initech' } };

/** The repository's formatter, reading stdin: what `pnpm lint` would demand of the file. */
function biomeFormat(text: string): string {
  return execFileSync(join(root, 'node_modules', '.bin', 'biome'), ['format', '--stdin-file-path=env.json'], {
    cwd: root,
    input: text,
    encoding: 'utf8',
  });
}

/** The text with the inserted region removed must equal the original. */
function expectOnlyInsertion(before: string, after: string) {
  let start = 0;
  while (start < before.length && before[start] === after[start]) start += 1;
  let end = 0;
  while (end < before.length - start && before[before.length - 1 - end] === after[after.length - 1 - end])
    end += 1;
  expect(before.slice(0, start) + before.slice(before.length - end)).toBe(before);
  return after.slice(start, after.length - end);
}

describe('appendToTopLevelArray', () => {
  it('inserts into a Biome-formatted file so that Biome has nothing to change', () => {
    const before = biomeFormat(
      JSON.stringify(
        {
          $schema: './x.json',
          environment: 'dev',
          tenants: [{ id: 'acme', hosts: ['a.example.com'] }],
          tags: { a: 'b' },
        },
        null,
        2,
      ),
    );
    const after = appendToTopLevelArray(before, 'tenants', tenant);
    expect(biomeFormat(after)).toBe(after);
    expect(JSON.parse(after).tenants[1]).toEqual(tenant);
    expect(Object.keys(JSON.parse(after))).toEqual(['$schema', 'environment', 'tenants', 'tags']);
    expect(expectOnlyInsertion(before, after)).toContain('"initech"');
  });

  it('fills an empty array at the right indentation', () => {
    const before = '{\n  "environment": "dev",\n  "tenants": [],\n  "region": "eu-west-1"\n}\n';
    const after = appendToTopLevelArray(before, 'tenants', tenant);
    expect(after).toBe(
      '{\n  "environment": "dev",\n  "tenants": [\n    {\n      "id": "initech",\n      "hosts": ["initech.app.example.com"],\n      "idp": {\n        "name": "initech"\n      }\n    }\n  ],\n  "region": "eu-west-1"\n}\n',
    );
    expect(biomeFormat(after)).toBe(after);
  });

  it('keeps four-space indentation, CRLF line endings and a missing final newline', () => {
    const before = JSON.stringify({ tenants: [{ id: 'acme' }] }, null, 4).replace(/\n/g, '\r\n');
    const after = appendToTopLevelArray(before, 'tenants', { id: 'b' });
    expect(after).toBe(
      '{\r\n    "tenants": [\r\n        {\r\n            "id": "acme"\r\n        },\r\n        {\r\n            "id": "b"\r\n        }\r\n    ]\r\n}',
    );
  });

  it('keeps tab indentation', () => {
    const before = JSON.stringify({ tenants: [{ id: 'acme' }] }, null, '\t');
    expect(appendToTopLevelArray(before, 'tenants', { id: 'b' })).toBe(
      JSON.stringify({ tenants: [{ id: 'acme' }, { id: 'b' }] }, null, '\t'),
    );
  });

  it('keeps a file whose arrays are written one item per line in that style', () => {
    const before = `${JSON.stringify({ tenants: [{ id: 'acme', hosts: ['a.example.com'] }] }, null, 2)}\n`;
    const after = appendToTopLevelArray(before, 'tenants', tenant);
    expect(after).toBe(
      `${JSON.stringify({ tenants: [{ id: 'acme', hosts: ['a.example.com'] }, tenant] }, null, 2)}\n`,
    );
  });

  it('keeps a one-line file on one line', () => {
    expect(appendToTopLevelArray('{"a":1,"tenants":[{"id":"x"}]}', 'tenants', { id: 'y' })).toBe(
      '{"a":1,"tenants":[{"id":"x"},{"id":"y"}]}',
    );
    expect(appendToTopLevelArray('{"tenants": []}', 'tenants', { id: 'y' })).toBe(
      '{"tenants": [{"id":"y"}]}',
    );
  });

  it('is not fooled by brackets, quotes and keys inside strings or nested objects', () => {
    const before = `{
  "note": "tenants: [ \\"not\\" ] }",
  "nested": { "tenants": ["decoy"] },
  "tenants": [
    { "id": "acme", "displayName": "A [b] {c} \\\\" }
  ]
}
`;
    const after = appendToTopLevelArray(before, 'tenants', { id: 'b' });
    const parsed = JSON.parse(after);
    expect(parsed.nested.tenants).toEqual(['decoy']);
    expect(parsed.tenants.map((t: { id: string }) => t.id)).toEqual(['acme', 'b']);
    expectOnlyInsertion(before, after);
  });

  it('edits the last of duplicated keys, the one JSON.parse keeps', () => {
    const after = appendToTopLevelArray('{"tenants":[1],"tenants":[2]}', 'tenants', 3);
    expect(after).toBe('{"tenants":[1],"tenants":[2,3]}');
  });

  it('refuses a file without the array', () => {
    expect(() => appendToTopLevelArray('{"tenants":{}}', 'tenants', 1)).toThrow(JsonEditError);
    expect(() => appendToTopLevelArray('{}', 'tenants', 1)).toThrow(/no top-level "tenants" array/);
  });
});

describe('formatJson and detectStyle', () => {
  it('puts a scalar array on one line only when it fits the line width', () => {
    const long = Array.from({ length: 10 }, (_, i) => `host-${i}.app.example.com`);
    const text = formatJson({ hosts: long, short: ['a'] }, DEFAULT_JSON_STYLE);
    expect(text).toContain('"short": ["a"]');
    expect(text).toContain('"hosts": [\n    "host-0.app.example.com",');
    expect(biomeFormat(`${text}\n`)).toBe(`${text}\n`);
  });

  it('detects indentation and line endings', () => {
    expect(detectStyle('{\n\t"a": 1\n}')).toMatchObject({ indent: '\t', eol: '\n' });
    expect(detectStyle('{\r\n    "a": 1\r\n}')).toMatchObject({ indent: '    ', eol: '\r\n' });
    expect(detectStyle('{"a":1}')).toMatchObject({ indent: '  ' });
  });
});
