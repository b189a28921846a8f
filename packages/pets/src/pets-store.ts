/**
 * The pets table: every call is keyed by the caller's tenant partition (`TENANT#<id>`,
 * built by `pets-table.ts` from the authorizer's tenant id), so no input can address
 * another tenant's items. Query (list), GetItem (one), PutItem (create, never overwrite).
 * Every item read is checked to be the caller's tenant's before it is shown.
 */
import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { marshallItem, unmarshallItem } from '@cognito-tenancy/registry/attribute-values';
import { DependencyError } from './errors';
import type { NewPet, Pet } from './pet-rules';
import { PET_ID, PET_SORT_PREFIX, PETS_TABLE_KEYS, petSortKey, tenantPartition } from './pets-table';

/** One page of a tenant's pets. */
export interface PetList {
  readonly pets: readonly Pet[];
  /** More pets exist than one page holds. */
  readonly truncated: boolean;
}

/** The pets table as the rules use it; every method is scoped to one tenant. */
export interface PetsStore {
  list(tenantId: string, limit: number): Promise<PetList>;
  get(tenantId: string, petId: string): Promise<Pet | undefined>;
  create(
    tenantId: string,
    petId: string,
    pet: NewPet,
    meta: { createdAt: string; createdBy: string },
  ): Promise<Pet>;
}

export interface PetsStoreDeps {
  readonly client: Pick<DynamoDBClient, 'send'>;
  readonly tableName: string;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z$/;

/** Reads a stored item as a pet of `tenantId`; anything else is a damaged record (fail closed). */
export function petFromItem(tenantId: string, item: Record<string, unknown>): Pet {
  const fields = unmarshallItem(item) as Record<string, unknown>;
  const damaged = (field: string) =>
    new DependencyError('pet-record-invalid', { cause: new Error(`pet item: bad '${field}'`) });
  if (fields[PETS_TABLE_KEYS.partition] !== tenantPartition(tenantId))
    throw damaged(PETS_TABLE_KEYS.partition);
  if (fields.tenantId !== tenantId) throw damaged('tenantId');
  const { id, name, species, createdAt } = fields;
  if (
    typeof id !== 'string' ||
    !PET_ID.test(id) ||
    fields[PETS_TABLE_KEYS.sort] !== `${PET_SORT_PREFIX}${id}`
  ) {
    throw damaged('id');
  }
  if (typeof name !== 'string' || name === '') throw damaged('name');
  if (species !== undefined && typeof species !== 'string') throw damaged('species');
  if (typeof createdAt !== 'string' || !ISO_INSTANT.test(createdAt)) throw damaged('createdAt');
  return { id, name, ...(species === undefined ? {} : { species }), createdAt };
}

async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof DependencyError) throw error;
    throw new DependencyError('pets-store-unavailable', { cause: error });
  }
}

/** Builds the store over the real table. */
export function createPetsStore({ client, tableName }: PetsStoreDeps): PetsStore {
  return {
    list: (tenantId, limit) =>
      call(async () => {
        const output = await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :pet)',
            ExpressionAttributeNames: { '#pk': PETS_TABLE_KEYS.partition, '#sk': PETS_TABLE_KEYS.sort },
            ExpressionAttributeValues: {
              ':pk': { S: tenantPartition(tenantId) },
              ':pet': { S: PET_SORT_PREFIX },
            },
            Limit: limit,
          }),
        );
        const pets = (output.Items ?? []).map((item) => petFromItem(tenantId, item));
        return { pets, truncated: output.LastEvaluatedKey !== undefined };
      }),
    get: (tenantId, petId) =>
      call(async () => {
        const output = await client.send(
          new GetItemCommand({
            TableName: tableName,
            Key: {
              [PETS_TABLE_KEYS.partition]: { S: tenantPartition(tenantId) },
              [PETS_TABLE_KEYS.sort]: { S: petSortKey(petId) },
            },
          }),
        );
        return output.Item === undefined ? undefined : petFromItem(tenantId, output.Item);
      }),
    create: (tenantId, petId, pet, meta) =>
      call(async () => {
        const item = {
          [PETS_TABLE_KEYS.partition]: tenantPartition(tenantId),
          [PETS_TABLE_KEYS.sort]: petSortKey(petId),
          tenantId,
          id: petId,
          name: pet.name,
          ...(pet.species === undefined ? {} : { species: pet.species }),
          createdAt: meta.createdAt,
          createdBy: meta.createdBy,
        };
        try {
          await client.send(
            new PutItemCommand({
              TableName: tableName,
              Item: marshallItem(item),
              // A new id never replaces a pet (a UUID collision is a retry, not an overwrite).
              ConditionExpression: 'attribute_not_exists(#pk)',
              ExpressionAttributeNames: { '#pk': PETS_TABLE_KEYS.partition },
            }),
          );
        } catch (error) {
          if (error instanceof ConditionalCheckFailedException) {
            throw new DependencyError('pets-store-unavailable', { cause: error });
          }
          throw error;
        }
        return {
          id: petId,
          name: pet.name,
          ...(pet.species === undefined ? {} : { species: pet.species }),
          createdAt: meta.createdAt,
        };
      }),
  };
}
