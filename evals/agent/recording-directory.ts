// A DirectoryPort wrapper that records every mutation, so the eval can prove no change reached the directory without approval.
import type { DirectoryPort } from '../../src/core/directory.js';

const MUTATIONS = [
  'addGroupMember',
  'removeGroupMember',
  'assignApp',
  'unassignApp',
  'suspendUser',
  'unsuspendUser',
  'deactivateUser',
] as const;

export interface DirectoryMutation {
  method: string;
  args: unknown[];
}

/** Wraps `inner`; mutations are recorded (and still applied) in `mutations`. */
export function recordingDirectory(inner: DirectoryPort): { directory: DirectoryPort; mutations: DirectoryMutation[] } {
  const mutations: DirectoryMutation[] = [];
  const directory = new Proxy(inner, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function') return v;
      if ((MUTATIONS as readonly (string | symbol)[]).includes(prop)) {
        return (...args: unknown[]) => {
          mutations.push({ method: String(prop), args });
          return (v as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return (v as (...a: unknown[]) => unknown).bind(target);
    },
  });
  return { directory, mutations };
}
