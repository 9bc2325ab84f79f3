/**
 * ACL 1.0 permission bits and the check of one needed permission against an owned one (spec/acl.md §5,
 * Java `Permission`). Anything that is not PUB, SUB, PUB|SUB, SUB|PUB or DENY parses as DENY: a typo locks out.
 */
export const Perm = { DENY: 1, ANY: 2, PUB: 4, SUB: 8 } as const;

const BY_TEXT: Readonly<Record<string, number>> = {
  PUB: Perm.PUB,
  SUB: Perm.SUB,
  'PUB|SUB': Perm.PUB | Perm.SUB,
  'SUB|PUB': Perm.PUB | Perm.SUB,
  DENY: Perm.DENY,
};

export function parsePerm(text: string | undefined | null): number {
  return (text !== undefined && text !== null && BY_TEXT[text.trim()]) || Perm.DENY;
}

export function permToString(perm: number): string {
  if (perm & Perm.DENY) return 'DENY';
  const parts = [perm & Perm.PUB ? 'PUB' : '', perm & Perm.SUB ? 'SUB' : ''].filter(Boolean);
  return parts.length > 0 ? parts.join('|') : 'DENY';
}

/** Java `Permission.checkPermission(needed, owned)`. */
export function checkPermission(needed: number, owned: number): boolean {
  if (owned & Perm.DENY) return false;
  if (needed & Perm.ANY) return (owned & (Perm.PUB | Perm.SUB)) !== 0;
  return (needed & owned) !== 0;
}
