/**
 * Refuses keys a control call does not know: an ignored key would leave the call doing something else than
 * meant (`stauts: 500` makes a fault that answers as usual, a misspelt session filter expires every session).
 * Returns an error message naming the first unknown key and every accepted one, or null. A key set to
 * `undefined` counts as absent, as it does once sent as JSON.
 *
 * `where` names what holds the keys (`fault`, `match`, `policy`…); `noun` what they are.
 */
export function validateKeys(
  input: object,
  accepted: readonly string[],
  where: string,
  noun = 'key',
): string | null {
  const unknown = Object.entries(input).find(
    ([key, value]) => value !== undefined && !accepted.includes(key),
  );
  if (unknown === undefined) return null;
  const [key] = unknown;
  const near = nearestKey(key, accepted);
  const hint = near === undefined ? '' : ` (did you mean ${JSON.stringify(near)}?)`;
  const known =
    accepted.length === 1 ? `the only ${noun} is ${accepted[0]}` : `the ${noun}s are ${accepted.join(', ')}`;
  // Quoted as JSON: a key may hold anything, quotes and line breaks included.
  return `${where}: unknown ${noun} ${JSON.stringify(key)}${hint}; ${known}`;
}

/** A JSON object: not null, not an array (both `typeof` "object"). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The accepted key a typo most likely meant: same letters in another case, or one or two edits away. */
function nearestKey(key: string, accepted: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  let best: { key: string; distance: number } | undefined;
  for (const candidate of accepted) {
    const distance = editDistance(lower, candidate.toLowerCase());
    // Short keys need a closer match: "x" is not a typo of "ms". About one edit per three letters, two at most.
    const allowed = Math.min(2, Math.floor(Math.max(key.length, candidate.length) / 3));
    if (distance <= allowed && (best === undefined || distance < best.distance)) {
      best = { key: candidate, distance };
    }
  }
  return best?.key;
}

/** Edits (insert, delete, substitute, swap two neighbours) from `a` to `b`: "stauts" is one from "status". */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        distance = Math.min(distance, at(i - 2, j - 2) + 1);
      }
      (rows[i] as number[])[j] = distance;
    }
  }
  return at(a.length, b.length);
}
