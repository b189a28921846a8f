/**
 * A `pnpm-lock.yaml` for a copy, cut from the workspace's: the exact versions the
 * workspace tested with, and only the packages they reach. With it, `pnpm install
 * --offline` in the copy installs from the pnpm store alone (without a lockfile pnpm
 * needs registry metadata, which a frozen workspace install never cached).
 *
 * pnpm writes this format (v9) the same way every time, so it is read line by line:
 * top-level sections, two-space entries, deeper lines belong to the entry above.
 */

interface Entry {
  readonly key: string;
  readonly lines: readonly string[];
}

const unquote = (text: string) => text.replace(/^'(.*)'$/, '$1');
/** `name@1.0.0(peer@2.0.0)` -> `name@1.0.0`: the `packages:` key of a snapshot. */
const packageKey = (snapshotKey: string) => snapshotKey.replace(/\(.*$/, '');

/** The entries of a top-level section (`packages:`, `snapshots:`, `importers:`), in order. */
function section(text: string, name: string): Entry[] {
  const lines = text.split('\n');
  const start = lines.indexOf(`${name}:`);
  if (start < 0) throw new Error(`pnpm-lock.yaml: no '${name}:' section`);
  const entries: { key: string; lines: string[] }[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line !== '' && !line.startsWith(' ')) break;
    // An entry without fields is written on one line: `  name@1.0.0: {}`.
    const head = /^ {2}(\S.*?):(?: \{\})?$/.exec(line);
    if (head?.[1] !== undefined) entries.push({ key: unquote(head[1]), lines: [line] });
    else if (line !== '') entries.at(-1)?.lines.push(line);
  }
  return entries;
}

/** `name: version` pairs under the given sub-blocks of an entry (`dependencies:`, ...). */
function dependencyPairs(entry: Entry, blocks: readonly string[], depth: number): [string, string][] {
  const pairs: [string, string][] = [];
  let inside = false;
  const pad = ' '.repeat(depth);
  for (const line of entry.lines.slice(1)) {
    if (line.startsWith(pad) && !line.startsWith(`${pad} `))
      inside = blocks.includes(line.trim().replace(/:$/, ''));
    else if (inside) {
      const pair = /^\s+('[^']+'|\S+): (\S+)$/.exec(line);
      if (pair?.[1] !== undefined && pair[2] !== undefined) pairs.push([unquote(pair[1]), unquote(pair[2])]);
    }
  }
  return pairs;
}

/** Resolved versions per dependency name in one importer (`version:` lines under each name). */
export function importerVersions(lockText: string, importer: string): Map<string, string> {
  const entry = section(lockText, 'importers').find((e) => e.key === importer);
  const versions = new Map<string, string>();
  if (entry === undefined) return versions;
  let name: string | undefined;
  for (const line of entry.lines.slice(1)) {
    const head = /^ {6}('[^']+'|\S+):$/.exec(line);
    if (head?.[1] !== undefined) name = unquote(head[1]);
    const version = /^ {8}version: (.+)$/.exec(line)?.[1];
    if (version !== undefined && name !== undefined) versions.set(name, unquote(version));
  }
  return versions;
}

export interface LockedDependency {
  readonly name: string;
  /** What the copy's package.json says (pinned version or `link:...`). */
  readonly specifier: string;
  /** The resolved version with pnpm's peer suffix, or the `link:` target. */
  readonly version: string;
  readonly dev: boolean;
}

/** The lockfile text of a single-package project with `dependencies`, cut from `lockText`. */
export function copyLockfile(lockText: string, dependencies: readonly LockedDependency[]): string {
  const snapshots = new Map(section(lockText, 'snapshots').map((e) => [e.key, e]));
  const packages = new Map(section(lockText, 'packages').map((e) => [e.key, e]));
  const reached = new Set<string>();
  const queue = dependencies
    .filter((d) => !d.version.startsWith('link:'))
    .map((d) => `${d.name}@${d.version}`);
  while (queue.length > 0) {
    const key = queue.pop() as string;
    if (reached.has(key)) continue;
    const snapshot = snapshots.get(key);
    if (snapshot === undefined)
      throw new Error(`pnpm-lock.yaml: no snapshot '${key}' (run pnpm install in the workspace)`);
    reached.add(key);
    for (const [name, version] of dependencyPairs(snapshot, ['dependencies', 'optionalDependencies'], 4)) {
      // An alias (`'@jest/react-is-19': react-is@19.3.1`) names its snapshot itself.
      if (!version.startsWith('link:'))
        queue.push(packageKey(version).slice(1).includes('@') ? version : `${name}@${version}`);
    }
  }
  const quote = (key: string) => (/^[A-Za-z0-9]/.test(key) && !key.includes(':') ? key : `'${key}'`);
  const block = (dev: boolean) => {
    const deps = dependencies.filter((d) => d.dev === dev).sort((a, b) => (a.name < b.name ? -1 : 1));
    if (deps.length === 0) return [];
    return [
      dev ? '    devDependencies:' : '    dependencies:',
      ...deps.flatMap((d) => [
        `      ${quote(d.name)}:`,
        `        specifier: ${d.specifier}`,
        `        version: ${d.version}`,
      ]),
    ];
  };
  const keys = [...reached].sort();
  const packageKeys = [...new Set(keys.map(packageKey))].sort();
  const entriesOf = (entries: (Entry | undefined)[]) =>
    entries.flatMap((entry) => (entry === undefined ? [] : [...entry.lines, '']));
  return [
    "lockfileVersion: '9.0'",
    '',
    'settings:',
    '  autoInstallPeers: true',
    '  excludeLinksFromLockfile: false',
    '',
    'importers:',
    '',
    '  .:',
    ...block(false),
    ...block(true),
    '',
    'packages:',
    '',
    ...entriesOf(packageKeys.map((key) => packages.get(key))),
    'snapshots:',
    '',
    ...entriesOf(keys.map((key) => snapshots.get(key))),
  ].join('\n');
}

/** Names of every package a lockfile installs (its `packages:` keys without versions). */
export function lockedNames(lockText: string): string[] {
  return section(lockText, 'packages').map((entry) => entry.key.replace(/^(@?[^@]+)@.*$/, '$1'));
}
