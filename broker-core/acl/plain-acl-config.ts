import { parse, stringify } from 'yaml';
import type { DataVersion } from '../protocol/bodies/data-version';
import { compileAddressPattern } from './address-pattern';

/**
 * One plain_acl.yml file (spec/acl.md §6): global white addresses, accounts and the data version the broker writes
 * back when accounts are changed remotely. `parsePlainAclYaml` applies upstream's load checks (keys longer than 6
 * characters, `resource=PERM` items, valid address patterns) and throws AclConfigError naming the file.
 */
export interface PlainAccessAccount {
  accessKey: string;
  secretKey: string;
  whiteRemoteAddress?: string;
  admin: boolean;
  defaultTopicPerm?: string;
  defaultGroupPerm?: string;
  /** `topic=PERM` items. */
  topicPerms: string[];
  /** `group=PERM` items. */
  groupPerms: string[];
}

export interface PlainAclFile {
  path: string;
  globalWhiteRemoteAddresses: string[];
  accounts: PlainAccessAccount[];
  dataVersion: DataVersion;
}

export class AclConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AclConfigError';
  }
}

/** Upstream's key rules (checked on load and on remote updates). */
export function checkAccount(account: PlainAccessAccount): void {
  if (!account.accessKey || account.accessKey.length <= 6) {
    throw new AclConfigError(`The accessKey=${account.accessKey} cannot be null and length should longer than 6`);
  }
  if (!account.secretKey || account.secretKey.length <= 6) {
    throw new AclConfigError(`The secretKey=${account.secretKey} value length should longer than 6`);
  }
  for (const item of [...account.topicPerms, ...account.groupPerms]) splitResourcePerm(item);
  compileAddressPattern(account.whiteRemoteAddress);
}

/** `name=PERM` → [name, PERM]; anything else is refused as upstream refuses it. */
export function splitResourcePerm(item: string): [string, string] {
  const parts = item.split('=');
  if (parts.length !== 2 || parts[0].trim() === '') throw new AclConfigError(`Parse resource permission failed for ${item}`);
  return [parts[0].trim(), parts[1].trim()];
}

const text = (value: unknown): string | undefined => (value === undefined || value === null ? undefined : String(value).trim());

function stringList(value: unknown, what: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new AclConfigError(`${what} must be a list`);
  return value.map((item) => String(item).trim()).filter((item) => item !== '');
}

function parseAccount(value: unknown, index: number): PlainAccessAccount {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new AclConfigError(`accounts[${index}] is not a mapping`);
  const entry = value as Record<string, unknown>;
  const account: PlainAccessAccount = {
    accessKey: text(entry.accessKey) ?? '',
    secretKey: text(entry.secretKey) ?? '',
    admin: entry.admin === true || text(entry.admin)?.toLowerCase() === 'true',
    topicPerms: stringList(entry.topicPerms, `accounts[${index}].topicPerms`),
    groupPerms: stringList(entry.groupPerms, `accounts[${index}].groupPerms`),
  };
  const white = text(entry.whiteRemoteAddress);
  if (white) account.whiteRemoteAddress = white;
  const topicPerm = text(entry.defaultTopicPerm);
  if (topicPerm) account.defaultTopicPerm = topicPerm;
  const groupPerm = text(entry.defaultGroupPerm);
  if (groupPerm) account.defaultGroupPerm = groupPerm;
  checkAccount(account);
  return account;
}

function parseDataVersion(value: unknown): DataVersion {
  const first: unknown = Array.isArray(value) ? value[0] : value;
  if (typeof first !== 'object' || first === null) return { counter: 0, timestamp: 0 };
  const { counter, timestamp } = first as Record<string, unknown>;
  return { counter: Number(counter) || 0, timestamp: Number(timestamp) || 0 };
}

export function parsePlainAclYaml(content: string, path: string): PlainAclFile {
  try {
    let document: unknown;
    try {
      document = parse(content);
    } catch (error) {
      throw new AclConfigError(`not valid YAML: ${(error as Error).message.split('\n')[0]}`);
    }
    if (document === null || document === undefined) return { path, globalWhiteRemoteAddresses: [], accounts: [], dataVersion: { counter: 0, timestamp: 0 } };
    if (typeof document !== 'object' || Array.isArray(document)) throw new AclConfigError('the top level must be a mapping');
    const root = document as Record<string, unknown>;
    const globalWhiteRemoteAddresses = stringList(root.globalWhiteRemoteAddresses, 'globalWhiteRemoteAddresses');
    for (const pattern of globalWhiteRemoteAddresses) compileAddressPattern(pattern);
    const rawAccounts = root.accounts ?? [];
    if (!Array.isArray(rawAccounts)) throw new AclConfigError('accounts must be a list');
    const accounts = rawAccounts.map((entry, index) => parseAccount(entry, index));
    const seen = new Set<string>();
    for (const { accessKey } of accounts) {
      if (seen.has(accessKey)) throw new AclConfigError(`the accessKey ${accessKey} appears twice`);
      seen.add(accessKey);
    }
    return { path, globalWhiteRemoteAddresses, accounts, dataVersion: parseDataVersion(root.dataVersion) };
  } catch (error) {
    throw new AclConfigError(`${path}: ${(error as Error).message}`);
  }
}

/** YAML with upstream's keys; the data version as the one-element list upstream writes. */
export function serializePlainAclYaml(file: PlainAclFile): string {
  const accounts = file.accounts.map((account) => {
    const entry: Record<string, unknown> = { accessKey: account.accessKey, secretKey: account.secretKey };
    if (account.whiteRemoteAddress) entry.whiteRemoteAddress = account.whiteRemoteAddress;
    entry.admin = account.admin;
    if (account.defaultTopicPerm) entry.defaultTopicPerm = account.defaultTopicPerm;
    if (account.defaultGroupPerm) entry.defaultGroupPerm = account.defaultGroupPerm;
    if (account.topicPerms.length > 0) entry.topicPerms = account.topicPerms;
    if (account.groupPerms.length > 0) entry.groupPerms = account.groupPerms;
    return entry;
  });
  return stringify({
    globalWhiteRemoteAddresses: file.globalWhiteRemoteAddresses,
    accounts,
    dataVersion: [{ counter: file.dataVersion.counter, timestamp: file.dataVersion.timestamp }],
  });
}
