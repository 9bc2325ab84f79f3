/**
 * Java's String.hashCode(): s[0]*31^(n-1) + ... + s[n-1] over UTF-16 code units, with int32 overflow.
 * RocketMQ stores it in consume-queue units (tag hash), subscription code sets and index slots, so it must be
 * bit-exact with the JVM, not a hash of UTF-8 bytes.
 */
export function javaStringHashCode(value: string): number {
  let hash = 0;
  for (let i = 0; i < value.length; i++) {
    hash = (Math.imul(hash, 31) + value.charCodeAt(i)) | 0;
  }
  return hash;
}
