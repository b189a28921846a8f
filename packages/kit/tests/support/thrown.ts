import { expect } from '@jest/globals';

/** The error `act` throws, checked to be an instance of `type`; fails the test when nothing is thrown. */
export function thrown<E extends Error>(act: () => unknown, type: new (...args: never[]) => E): E {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(type);
    return error as E;
  }
  throw new Error(`expected a ${type.name}`);
}
