/**
 * One value per server process. Next.js compiles instrumentation.ts and every route into separate bundles, each with
 * its own copy of our modules, and hot reload re-evaluates them; module-level state would exist several times over
 * (two embedded nameservers fighting for one port). A value kept on globalThis under a Symbol.for key is shared by
 * every bundle and survives reloads.
 *
 * Because the value may have been built by another bundle's copy of a class, never test it (or errors it throws)
 * with `instanceof` against this bundle's classes: use names or shapes (see api-response.ts).
 */
export function processSingleton<T>(name: string, create: () => T): T {
  const key = Symbol.for(`rocketmq-console.${name}`);
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  const existing = store[key];
  if (existing !== undefined) return existing;
  const created = create();
  store[key] = created;
  return created;
}

/** Forgets a singleton (tests only), so the next processSingleton call builds a fresh one. */
export function clearProcessSingleton(name: string): void {
  delete (globalThis as unknown as Record<symbol, unknown>)[Symbol.for(`rocketmq-console.${name}`)];
}
