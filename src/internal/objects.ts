// Small object helpers shared by the constructs and the hand-written provider bindings (a leaf module: it
// imports nothing, so every folder may use it).

/**
 * The object without its undefined members, keeping the key order (so ARM bodies, Terraform arguments and
 * snapshots stay tidy). One pass over the keys: it runs for every argument block of every resource.
 */
export function withoutUndefined<T extends { [key: string]: any }>(obj: T): T {
  const out: { [key: string]: any } = {};
  for (const key in obj) {
    const value = obj[key];
    if (value !== undefined) {
      out[key] = value;
    }
  }
  return out as T;
}

/** `withoutUndefined`, or undefined when no member is left (an optional block that says nothing is left out). */
export function definedMembers<T extends { [key: string]: any }>(obj: T): T | undefined {
  let out: { [key: string]: any } | undefined;
  for (const key in obj) {
    const value = obj[key];
    if (value !== undefined) {
      (out ??= {})[key] = value;
    }
  }
  return out as T | undefined;
}
