/**
 * The demo users file (demo-users.json, or `--users <file>`): people per tenant of the
 * environment, each with the IdP groups their SAML assertion would carry. Validated
 * against the environment so a user of an unknown tenant fails with a clear message.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResolvedEnvironment } from '@cognito-tenancy/registry/environment';
import { normalizeEmail } from '@cognito-tenancy/registry/normalize';

export interface DemoUserSpec {
  readonly tenant: string;
  readonly email: string;
  readonly groups: readonly string[];
}

export interface DemoUsers {
  readonly password: string;
  readonly users: readonly DemoUserSpec[];
}

export const DEFAULT_DEMO_USERS_FILE = join(import.meta.dirname, 'demo-users.json');

/** The file does not describe usable demo users for this environment. */
export class DemoUsersError extends Error {
  override readonly name = 'DemoUsersError';
}

/** Parses and checks demo users against the environment's tenants. */
export function parseDemoUsers(raw: unknown, env: ResolvedEnvironment, source: string): DemoUsers {
  const problems: string[] = [];
  const root = (typeof raw === 'object' && raw !== null ? raw : {}) as {
    password?: unknown;
    users?: unknown;
  };
  if (typeof root.password !== 'string' || root.password.length < 8)
    problems.push('password: at least 8 characters');
  const users: DemoUserSpec[] = [];
  const list = Array.isArray(root.users) ? root.users : [];
  if (list.length === 0) problems.push('users: a non-empty list');
  list.forEach((entry: unknown, index) => {
    const u = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const label = `users[${index}]`;
    const tenant = env.tenants.find((t) => t.id === u.tenant);
    if (tenant === undefined) {
      problems.push(`${label}.tenant: '${String(u.tenant)}' is not a tenant of ${env.environment}`);
      return;
    }
    const email = normalizeEmail(u.email);
    if (!email.ok) {
      problems.push(`${label}.email: not a valid address (${email.reason})`);
      return;
    }
    const groups = Array.isArray(u.groups) ? u.groups : [];
    if (!groups.every((g) => typeof g === 'string' && g.length > 0 && g.length <= 256)) {
      problems.push(`${label}.groups: a list of group names`);
      return;
    }
    users.push({ tenant: tenant.id, email: email.value.address, groups: groups as string[] });
  });
  if (problems.length > 0)
    throw new DemoUsersError(`${source}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return { password: root.password as string, users };
}

/** Reads a demo users file. */
export function loadDemoUsers(path: string, env: ResolvedEnvironment): DemoUsers {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new DemoUsersError(`${path}: cannot read it as JSON (${(error as Error).message})`);
  }
  return parseDemoUsers(raw, env, path);
}

/** The `custom:groups` value as Cognito writes a multi-valued SAML attribute: `[a, b]`. */
export function samlGroupsAttribute(groups: readonly string[]): string {
  return `[${groups.join(', ')}]`;
}
