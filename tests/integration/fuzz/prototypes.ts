/** What a prototype-pollution check compares: the watched prototypes' own properties. */
const WATCHED_PROTOTYPES: ReadonlyArray<[string, object]> = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype],
];

type PrototypeSnapshot = Array<Map<string | symbol, unknown>>;

export function snapshotPrototypes(): PrototypeSnapshot {
  return WATCHED_PROTOTYPES.map(([, prototype]) => {
    const properties = new Map<string | symbol, unknown>();
    for (const key of Reflect.ownKeys(prototype)) {
      const descriptor = Reflect.getOwnPropertyDescriptor(prototype, key)!;
      properties.set(key, 'value' in descriptor ? descriptor.value : descriptor.get);
    }
    return properties;
  });
}

/** Names of the watched prototypes whose own properties were added, removed or replaced since `before`. */
export function changedPrototypes(before: PrototypeSnapshot): string[] {
  const after = snapshotPrototypes();
  return WATCHED_PROTOTYPES.flatMap(([name], i) => {
    const was = before[i]!;
    const now = after[i]!;
    const same = was.size === now.size && [...was].every(([key, value]) => now.has(key) && now.get(key) === value);
    return same ? [] : [name];
  });
}
