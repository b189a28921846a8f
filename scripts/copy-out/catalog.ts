/**
 * The `catalog:` of `pnpm-workspace.yaml` (one place for versions), read so a copied
 * package gets plain pinned versions: a copy outside the workspace has no catalog.
 */
import { readFileSync } from 'node:fs';

/** Reads the top-level `catalog:` map (`name: version` lines, names optionally quoted). */
export function parseCatalog(yamlText: string): ReadonlyMap<string, string> {
  const catalog = new Map<string, string>();
  let inside = false;
  for (const [index, raw] of yamlText.split('\n').entries()) {
    const line = raw.replace(/\s+#.*$/, '').trimEnd();
    if (line === '' || line.trimStart().startsWith('#')) continue;
    if (!line.startsWith(' ')) {
      inside = line === 'catalog:';
      continue;
    }
    if (!inside) continue;
    const match = /^ {2}("?)(@?[a-z0-9][\w./-]*)\1:\s*"?([^"\s]+)"?$/.exec(line);
    if (match?.[2] === undefined || match[3] === undefined) {
      throw new Error(
        `pnpm-workspace.yaml line ${index + 1}: expected '  name: version' in catalog, got '${raw}'`,
      );
    }
    catalog.set(match[2], match[3]);
  }
  if (catalog.size === 0) throw new Error('pnpm-workspace.yaml: no catalog entries found');
  return catalog;
}

/** A top-level list of `pnpm-workspace.yaml` (`onlyBuiltDependencies:` and its `  - name` lines). */
export function parseTopLevelList(yamlText: string, key: string): string[] {
  const items: string[] = [];
  let inside = false;
  for (const raw of yamlText.split('\n')) {
    const line = raw.replace(/\s+#.*$/, '').trimEnd();
    if (line === '' || line.trimStart().startsWith('#')) continue;
    if (!line.startsWith(' ')) inside = line === `${key}:`;
    else if (inside) {
      const item = /^\s+-\s+"?([^"\s]+)"?$/.exec(line)?.[1];
      if (item !== undefined) items.push(item);
    }
  }
  return items;
}

/** The catalog of the workspace at `root`. */
export function readCatalog(root: string): ReadonlyMap<string, string> {
  return parseCatalog(readFileSync(`${root}/pnpm-workspace.yaml`, 'utf8'));
}

/**
 * The version a copy pins for `name`: the catalog's when the workspace declares
 * `catalog:`, the written range otherwise. `workspace:` never reaches here (those
 * packages are vendored into the copy).
 */
export function resolveVersion(name: string, declared: string, catalog: ReadonlyMap<string, string>): string {
  if (declared === 'catalog:' || declared === 'catalog:default') {
    const version = catalog.get(name);
    if (version === undefined)
      throw new Error(`'${name}' is declared 'catalog:' but the catalog has no entry for it`);
    return version;
  }
  if (declared.startsWith('catalog:') || declared.startsWith('workspace:')) {
    throw new Error(`'${name}': cannot resolve '${declared}' outside the workspace`);
  }
  return declared;
}
