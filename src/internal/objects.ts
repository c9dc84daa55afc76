// Small object helpers shared by the constructs and the hand-written provider bindings (a leaf module: it
// imports nothing, so every folder may use it).

/**
 * The object without its undefined members, keeping the key order (so ARM bodies, Terraform arguments and
 * snapshots stay tidy). One pass over the keys: it runs for every argument block of every resource.
 */
export function withoutUndefined<T extends { [key: string]: any }>(obj: T): T {
  return definedMembers(obj) ?? ({} as T);
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

/** True for an object that is neither null nor an array (a JSON object, as the model and ARM bodies hold). */
export function isPlainObject(x: unknown): x is { [key: string]: any } {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

/**
 * A value kept on an object under a symbol of its own: what a WeakMap keyed by the object gives, without the
 * WeakMap's cost. The garbage collector treats each WeakMap entry as an ephemeron, and a fleet holds tens of
 * thousands of constructs; a symbol-keyed member is an ordinary property (never listed by `Object.keys`,
 * `for…in` or `JSON.stringify`) that dies with its object.
 */
export class Slot<T> {
  private readonly key: symbol;

  constructor(description: string) {
    this.key = Symbol(description);
  }

  public get(obj: object): T | undefined {
    return (obj as { [key: symbol]: T | undefined })[this.key];
  }

  public has(obj: object): boolean {
    return this.get(obj) !== undefined;
  }

  public set(obj: object, value: T): void {
    (obj as { [key: symbol]: T })[this.key] = value;
  }
}
