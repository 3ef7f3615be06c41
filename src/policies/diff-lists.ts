// Name-list arithmetic for the policy diff: what a list gained, what it lost, and how a list is shown.
/** Names joined for a message. */
export const list = (xs: readonly string[]): string => xs.join(', ');
/** Names in `b` that are not in `a`. */
export const added = (a: readonly string[], b: readonly string[]): string[] => b.filter((x) => !a.includes(x));
/** Names in `a` that are not in `b`. */
export const removed = (a: readonly string[], b: readonly string[]): string[] => a.filter((x) => !b.includes(x));
