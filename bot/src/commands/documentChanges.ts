// A PATCH's changes applied to a document: a value sets the field, null clears an optional one, and a
// field not sent (undefined) stays as it is.

type Optional<D> = { [K in keyof D]-?: undefined extends D[K] ? K : never }[keyof D];

/** Changes to a document: required fields take a value, optional ones a value or null (clear it). */
export type Changes<D> = { [K in keyof D]?: K extends Optional<D> ? D[K] | null : D[K] };

export function withChanges<D extends object>(doc: D, changes: Changes<D>): D {
  const next = { ...doc } as Record<string, unknown>;
  for (const [field, value] of Object.entries(changes)) {
    if (value === null) delete next[field];
    else if (value !== undefined) next[field] = value;
  }
  return next as D;
}
