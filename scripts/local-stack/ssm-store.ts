/**
 * The state of the Parameter Store stand-in: parameters with their version history,
 * optionally persisted to a JSON file (written atomically after every change).
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { SsmError } from './ssm-errors';

export type ParameterType = 'String' | 'StringList' | 'SecureString';
export type ParameterTier = 'Standard' | 'Advanced';

/** One version of a parameter. */
export interface StoredVersion {
  readonly version: number;
  readonly value: string;
  readonly type: ParameterType;
  readonly tier: ParameterTier;
  readonly dataType: string;
  /** Milliseconds since the epoch. */
  readonly lastModified: number;
  readonly description?: string;
  readonly allowedPattern?: string;
}

/** Versions of one parameter, oldest first; the last one is current. */
export interface StoredParameter {
  readonly name: string;
  readonly versions: readonly StoredVersion[];
}

/** SSM keeps the last 100 versions of a parameter. */
export const MAX_VERSIONS = 100;

interface FileFormat {
  readonly format: 'ssm-stand-in/1';
  readonly parameters: readonly StoredParameter[];
}

function isStoredParameter(value: unknown): value is StoredParameter {
  const p = value as StoredParameter;
  return (
    typeof p?.name === 'string' &&
    Array.isArray(p.versions) &&
    p.versions.length > 0 &&
    p.versions.every((v) => Number.isInteger(v?.version) && typeof v.value === 'string')
  );
}

const byName = (a: StoredParameter, b: StoredParameter) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** In-memory parameters, sorted by name when listed. */
export class ParameterStore {
  private readonly parameters = new Map<string, StoredParameter>();

  /** Loads `file` when it exists; a damaged file is an error, never silently emptied. */
  constructor(private readonly file?: string) {
    if (file === undefined || !existsSync(file)) return;
    const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<FileFormat>;
    if (data.format !== 'ssm-stand-in/1' || !Array.isArray(data.parameters)) {
      throw new Error(`${file}: not a Parameter Store stand-in file`);
    }
    for (const parameter of data.parameters) {
      if (!isStoredParameter(parameter)) throw new Error(`${file}: damaged parameter entry`);
      this.parameters.set(parameter.name, parameter);
    }
  }

  /** The parameter, or undefined. */
  get(name: string): StoredParameter | undefined {
    return this.parameters.get(name);
  }

  /** A version of `name` (the current one by default); throws SSM's errors when absent. */
  version(name: string, version?: number): StoredVersion {
    const parameter = this.parameters.get(name);
    if (!parameter) throw new SsmError('ParameterNotFound', `Parameter ${name} not found.`);
    if (version === undefined) return parameter.versions[parameter.versions.length - 1] as StoredVersion;
    const found = parameter.versions.find((v) => v.version === version);
    if (!found) {
      throw new SsmError(
        'ParameterVersionNotFound',
        `Systems Manager could not find version ${version} of ${name}.`,
      );
    }
    return found;
  }

  /** Names in lexical order (what GetParametersByPath pages over). */
  names(): string[] {
    return [...this.parameters.keys()].sort();
  }

  /** Appends a version (or creates the parameter) and persists. Returns the new version. */
  put(name: string, next: Omit<StoredVersion, 'version'>): StoredVersion {
    const existing = this.parameters.get(name);
    const previous = existing?.versions ?? [];
    const version: StoredVersion = { ...next, version: (previous[previous.length - 1]?.version ?? 0) + 1 };
    const versions = [...previous, version].slice(-MAX_VERSIONS);
    this.parameters.set(name, { name, versions });
    this.persist();
    return version;
  }

  /** Removes a parameter and all its versions; false when it did not exist. */
  delete(name: string): boolean {
    const deleted = this.parameters.delete(name);
    if (deleted) this.persist();
    return deleted;
  }

  private persist(): void {
    if (this.file === undefined) return;
    const data: FileFormat = {
      format: 'ssm-stand-in/1',
      parameters: [...this.parameters.values()].sort(byName),
    };
    mkdirSync(dirname(this.file), { recursive: true });
    // Write a sibling, flush it, then rename over the file: readers see the old or the new file, never half.
    const temp = `${this.file}.${process.pid}.tmp`;
    const fd = openSync(temp, 'w', 0o600);
    try {
      writeSync(fd, `${JSON.stringify(data, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, this.file);
  }
}
