/**
 * The sample service's data: one list per tenant, kept in memory and, when a file is
 * given, written through to it so the list survives a restart of the local stack.
 * A Map keyed by tenant id: no object prototype for a hostile key to reach.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export interface Item {
  readonly id: number;
  readonly text: string;
  readonly createdBy: string;
  readonly createdAt: string;
}

export interface ItemsStore {
  list(tenantId: string): readonly Item[];
  add(tenantId: string, text: string, createdBy: string): Item;
}

/** Bounds memory and the state file: the oldest items go first. */
export const MAX_ITEMS_PER_TENANT = 100;

export interface ItemsStoreOptions {
  /** Items a tenant starts with (when the state file has none for it). */
  readonly seed?: Readonly<Record<string, readonly string[]>>;
  readonly file?: string;
  readonly now?: () => Date;
}

function load(file: string | undefined): Map<string, Item[]> {
  if (file === undefined || !existsSync(file)) return new Map();
  const raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  return new Map(Array.isArray(raw) ? (raw as [string, Item[]][]) : []);
}

/** Creates the store. */
export function createItemsStore(options: ItemsStoreOptions = {}): ItemsStore {
  const now = options.now ?? (() => new Date());
  const lists = load(options.file);
  for (const [tenantId, texts] of Object.entries(options.seed ?? {})) {
    if (lists.has(tenantId)) continue;
    const at = now().toISOString();
    lists.set(
      tenantId,
      texts.map((text, index) => ({ id: index + 1, text, createdBy: 'seed', createdAt: at })),
    );
  }
  const save = () => {
    if (options.file !== undefined)
      writeFileSync(options.file, JSON.stringify([...lists.entries()], null, 2));
  };
  return {
    list: (tenantId) => lists.get(tenantId) ?? [],
    add(tenantId, text, createdBy) {
      const items = lists.get(tenantId) ?? [];
      const id = items.reduce((max, item) => Math.max(max, item.id), 0) + 1;
      const item: Item = { id, text, createdBy, createdAt: now().toISOString() };
      lists.set(tenantId, [...items, item].slice(-MAX_ITEMS_PER_TENANT));
      save();
      return item;
    },
  };
}
