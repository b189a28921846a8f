/**
 * The files a set of entry points really uses, found the way TypeScript resolves them
 * (type-only imports included, which a bundler's metafile would drop), so a copy follows
 * the code as files move between packages instead of a hand-kept list.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { builtinModules } from 'node:module';
import ts from 'typescript';

export interface ImportGraph {
  /** Workspace source files reached (real paths), entry points included. */
  readonly files: ReadonlySet<string>;
  /** npm packages imported from those files (`aws-jwt-verify`, `@aws-sdk/client-ssm`). */
  readonly packages: ReadonlySet<string>;
}

const BUILTINS = new Set(builtinModules);

/** `@scope/name/sub/path` -> `@scope/name`; `name/sub` -> `name`. */
export function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || BUILTINS.has(packageNameOf(specifier));
}

/** Compiler options of a tsconfig file, as `tsc -p` would read them. */
export function compilerOptionsOf(tsconfigPath: string): ts.CompilerOptions {
  const read = ts.readConfigFile(tsconfigPath, ts.sys.readFile);
  if (read.error)
    throw new Error(`${tsconfigPath}: ${ts.flattenDiagnosticMessageText(read.error.messageText, '\n')}`);
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, tsconfigPath.replace(/[^/]+$/, ''));
  return parsed.options;
}

/**
 * Walks every import (static, dynamic with a literal, `import type`, re-export) from
 * `entries`. A specifier that resolves into `node_modules` is an npm package; one that
 * resolves to a real path outside `node_modules` (a relative file, or a workspace package
 * through its symlink) is followed. An import that does not resolve is an error.
 */
export function importGraph(entries: readonly string[], options: ts.CompilerOptions): ImportGraph {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = entries.map((entry) => realpathSync(entry));
  const host = ts.createCompilerHost(options);
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName: specifier } of importedFiles) {
      if (isBuiltin(specifier)) continue;
      const resolved = ts.resolveModuleName(specifier, file, options, host).resolvedModule;
      const bare = !specifier.startsWith('.') && !specifier.startsWith('/');
      if (resolved === undefined) {
        // A package with no types of its own (resolved by Node at run time) is still a package.
        if (bare) {
          packages.add(packageNameOf(specifier));
          continue;
        }
        throw new Error(`${file}: cannot resolve import '${specifier}'`);
      }
      const target = realpathSync(resolved.resolvedFileName);
      if (target.includes('/node_modules/')) {
        if (!bare) throw new Error(`${file}: relative import '${specifier}' reaches into node_modules`);
        // Types-only packages (`aws-lambda` -> `@types/aws-lambda`) are installed under that name.
        const types = /\/node_modules\/(@types\/[^/]+)\//.exec(target)?.[1];
        packages.add(types ?? packageNameOf(specifier));
      } else if (/\.(?:ts|tsx|mts|js|mjs|json)$/.test(target) && !target.endsWith('.d.ts')) {
        queue.push(target);
      }
    }
  }
  return { files, packages };
}
