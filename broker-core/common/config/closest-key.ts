/**
 * The known key nearest to a misspelled one, for "did you mean" hints: a case-insensitive match, or the key within
 * edit distance 2 (3 for long names) with the smallest distance. Upstream's own docs misspell keys
 * (spec/config.md §3: fileReserverdTime, storePathConsumerQueue), so the hint pays for itself.
 */
export function closestKey(name: string, known: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  const limit = name.length > 12 ? 3 : 2;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const key of known) {
    if (key.toLowerCase() === lower) return key;
    const distance = editDistance(lower, key.toLowerCase(), limit);
    if (distance <= limit && distance < bestDistance) {
      best = key;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance, giving up (returning limit + 1) once every path exceeds `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      rowMin = Math.min(rowMin, current[j]);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length];
}
