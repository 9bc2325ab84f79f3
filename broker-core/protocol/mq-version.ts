/**
 * MQVersion ordinals (spec/remoting.md §7). For releases >= 4.0.0: 213 + 20*((X-4)*10 + Y) + 2*Z.
 * Every command we create carries CURRENT_VERSION, as Java processes stamp their own release.
 */
export function versionOrdinal(major: number, minor: number, patch: number): number {
  if (major < 4) throw new RangeError('only releases >= 4.0.0 follow the formula');
  return 213 + 20 * ((major - 4) * 10 + minor) + 2 * patch;
}

export function versionDescription(ordinal: number): string {
  if (ordinal < 213) return `V${ordinal}`;
  const steps = ordinal - 213;
  const snapshot = steps % 2 === 1;
  const releaseSteps = snapshot ? steps + 1 : steps;
  const minorIndex = Math.floor(releaseSteps / 20);
  const patch = (releaseSteps % 20) / 2;
  const major = 4 + Math.floor(minorIndex / 10);
  const minor = minorIndex % 10;
  return `V${major}_${minor}_${patch}${snapshot ? '_SNAPSHOT' : ''}`;
}

/** We speak the 4.9.x protocol: V4_9_8. */
export const CURRENT_VERSION = versionOrdinal(4, 9, 8);

export const Versions = {
  V3_0_7_SNAPSHOT: 28,
  V3_0_11: 37,
  V3_1_8_SNAPSHOT: 62,
  V3_4_9: 121,
  V4_1_0_SNAPSHOT: 232,
  V4_9_4: 401,
} as const;
