/**
 * Drops the members whose value is `undefined`, so a request built from optional inputs satisfies
 * `exactOptionalPropertyTypes` (an optional member is absent, never present-but-undefined).
 */
export function compact<T extends object>(members: { [K in keyof T]: T[K] | undefined }): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(members)) {
    if (value !== undefined) out[key] = value;
  }
  return out as T;
}
