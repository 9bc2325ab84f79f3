/**
 * Message SYSFLAG bits (spec/message-format.md §3, Java `MessageSysFlag`):
 *
 *   bit  10 9 8 | 7     6      | 5        4        | 3 2          | 1          0
 *        compr. | inner  unwrap| store v6 born v6  | transaction  | multi-tags compressed
 *        type   | batch        |                   | type         |
 *
 * Compression type 0 also means zlib: 4.x producers only ever set bit 0.
 */
export const MessageSysFlag = {
  COMPRESSED_FLAG: 0x1,
  MULTI_TAGS_FLAG: 0x2,
  TRANSACTION_NOT_TYPE: 0x0,
  TRANSACTION_PREPARED_TYPE: 0x4,
  TRANSACTION_COMMIT_TYPE: 0x8,
  TRANSACTION_ROLLBACK_TYPE: 0xc,
  BORNHOST_V6_FLAG: 0x10,
  STOREHOSTADDRESS_V6_FLAG: 0x20,
  NEED_UNWRAP_FLAG: 0x40,
  INNER_BATCH_FLAG: 0x80,
  COMPRESSION_LZ4_TYPE: 0x100,
  COMPRESSION_ZSTD_TYPE: 0x200,
  COMPRESSION_ZLIB_TYPE: 0x300,
} as const;

const TRANSACTION_MASK = 0xc;
const COMPRESSION_TYPE_MASK = 0x700;

export type CompressionType = 'ZLIB' | 'LZ4' | 'ZSTD';

export function getTransactionType(sysFlag: number): number {
  return sysFlag & TRANSACTION_MASK;
}

export function setTransactionType(sysFlag: number, transactionType: number): number {
  return (sysFlag & ~TRANSACTION_MASK) | (transactionType & TRANSACTION_MASK);
}

/** PREPARED and ROLLBACK records never get a consume-queue unit (spec/store.md §3.2 step 5). */
export function isPreparedOrRollback(sysFlag: number): boolean {
  const type = getTransactionType(sysFlag);
  return type === MessageSysFlag.TRANSACTION_PREPARED_TYPE || type === MessageSysFlag.TRANSACTION_ROLLBACK_TYPE;
}

export function isCompressed(sysFlag: number): boolean {
  return (sysFlag & MessageSysFlag.COMPRESSED_FLAG) !== 0;
}

export function getCompressionType(sysFlag: number): CompressionType {
  switch (sysFlag & COMPRESSION_TYPE_MASK) {
    case MessageSysFlag.COMPRESSION_LZ4_TYPE:
      return 'LZ4';
    case MessageSysFlag.COMPRESSION_ZSTD_TYPE:
      return 'ZSTD';
    default:
      return 'ZLIB';
  }
}

export function setCompressionType(sysFlag: number, type: CompressionType): number {
  const bits = type === 'LZ4' ? 0x100 : type === 'ZSTD' ? 0x200 : 0x300;
  return (sysFlag & ~COMPRESSION_TYPE_MASK) | bits;
}

export function isBornHostV6(sysFlag: number): boolean {
  return (sysFlag & MessageSysFlag.BORNHOST_V6_FLAG) !== 0;
}

export function isStoreHostV6(sysFlag: number): boolean {
  return (sysFlag & MessageSysFlag.STOREHOSTADDRESS_V6_FLAG) !== 0;
}

/** Sets or clears the two host-width bits to match the hosts actually written. */
export function withHostFlags(sysFlag: number, bornHostV6: boolean, storeHostV6: boolean): number {
  let flag = sysFlag & ~(MessageSysFlag.BORNHOST_V6_FLAG | MessageSysFlag.STOREHOSTADDRESS_V6_FLAG);
  if (bornHostV6) flag |= MessageSysFlag.BORNHOST_V6_FLAG;
  if (storeHostV6) flag |= MessageSysFlag.STOREHOSTADDRESS_V6_FLAG;
  return flag;
}
