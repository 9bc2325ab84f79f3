import { timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { writeFileAtomic } from '../common/atomic-file';
import { createLogger } from '../common/logger';
import type { DataVersion } from '../protocol/bodies/data-version';
import type { RemotingCommand } from '../remoting/remoting-command';
import { aclSignature, ACCESS_KEY, SIGNATURE, signedContent } from './acl-signature';
import { ADMIN_CODES, isGroupResource, neededResources, RETRY_PREFIX, TRACE_TOPIC } from './acl-resources';
import { compileAddressPattern, normalizeIp, type AddressMatcher } from './address-pattern';
import { checkPermission, parsePerm, Perm } from './permission';
import { AclConfigError, checkAccount, serializePlainAclYaml, splitResourcePerm, type PlainAccessAccount, type PlainAclFile } from './plain-acl-config';
import { aclFilePaths, DEFAULT_PLAIN_FILE, loadPlainAclFiles } from './plain-acl-files';

const log = createLogger('acl');

/**
 * The broker's ACL 1.0 state (Java PlainPermissionManager + PlainAccessValidator): the accounts of every ACL file,
 * checked per request in upstream's order (spec/acl.md §3), reloaded when a file changes (polled, as upstream's
 * FileWatchService; a bad edit is logged and the last good configuration stays), and changed by the management
 * requests, which write the file that holds the account and bump its data version.
 */
export class AclException extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AclException';
  }
}

/** `_UNIQUE_KEY_QUERY` is signed by clients newer than V4_9_3 (version 399) only (the 5.x broker rule). */
const UNIQUE_KEY_QUERY = '_UNIQUE_KEY_QUERY';
const V4_9_3 = 399;

interface CompiledAccount {
  account: PlainAccessAccount;
  file: string;
  white: AddressMatcher;
  /** Explicit resource → owned bits (groups as %RETRY%group). */
  perms: Map<string, number>;
  defaultTopicPerm: number;
  defaultGroupPerm: number;
}

export interface PlainPermissionManagerOptions {
  rocketmqHome: string;
  plainFile?: string;
  watchIntervalMs?: number;
}

export class PlainPermissionManager {
  private files: PlainAclFile[] = [];
  private accounts = new Map<string, CompiledAccount>();
  private globalWhite: AddressMatcher[] = [];
  private fingerprint = '';
  private timer: NodeJS.Timeout | undefined;
  private readonly home: string;
  private readonly plainFile: string;
  private readonly defaultPath: string;
  private readonly watchIntervalMs: number;
  /** Management writes one at a time: each reads the model the previous one left. */
  private writing: Promise<unknown> = Promise.resolve();

  constructor(options: PlainPermissionManagerOptions) {
    this.home = resolve(options.rocketmqHome);
    this.plainFile = options.plainFile ?? DEFAULT_PLAIN_FILE;
    this.defaultPath = resolve(this.home, this.plainFile);
    this.watchIntervalMs = options.watchIntervalMs ?? 500;
  }

  /** Loads every file; throws AclConfigError on the first bad one (start-up then fails). */
  async load(): Promise<void> {
    this.apply(loadPlainAclFiles(this.home, this.plainFile), this.currentFingerprint());
  }

  startWatching(): void {
    this.timer ??= setInterval(() => this.reloadIfChanged(), this.watchIntervalMs);
    this.timer.unref();
  }

  stopWatching(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** spec/acl.md §3, steps 0-9; throws AclException with upstream's message. */
  validate(request: RemotingCommand, remoteAddress: string): void {
    const ip = normalizeIp(remoteAddress.slice(0, Math.max(remoteAddress.lastIndexOf(':'), 0)) || remoteAddress);
    if (this.globalWhite.some((matches) => matches(ip))) return;
    const fields = request.extFields ?? {};
    const accessKey = fields[ACCESS_KEY];
    if (!accessKey) throw new AclException('No accessKey is configured');
    const compiled = this.accounts.get(accessKey);
    if (!compiled) throw new AclException(`No acl config for ${accessKey}`);
    if (compiled.white(ip)) return;
    const skip = request.version <= V4_9_3 ? UNIQUE_KEY_QUERY : undefined;
    const expected = Buffer.from(aclSignature(compiled.account.secretKey, signedContent(fields, request.body, skip)));
    const given = Buffer.from(fields[SIGNATURE] ?? '');
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      throw new AclException(`Check signature failed for accessKey=${accessKey}`);
    }
    const needed = neededResources(request);
    if (((needed.get(TRACE_TOPIC) ?? 0) & Perm.PUB) !== 0) return;
    if (ADMIN_CODES.has(request.code) && !compiled.account.admin) {
      throw new AclException(`Need admin permission for request code=${request.code}, but accessKey=${accessKey} is not`);
    }
    if (compiled.account.admin && compiled.perms.size === 0) return;
    for (const [resource, perm] of needed) {
      const owned = compiled.perms.get(resource) ?? (isGroupResource(resource) ? compiled.defaultGroupPerm : compiled.defaultTopicPerm);
      if (!checkPermission(perm, owned)) throw new AclException(`No default permission for ${resource}`);
    }
  }

  /** Creates or updates an account (by access key) in the file that holds it, else in plain_acl.yml. */
  updateAccount(input: PlainAccessAccount): Promise<void> {
    return this.change(() => {
      const existing = this.accounts.get(input.accessKey);
      const path = existing?.file ?? this.defaultPath;
      const file = this.fileCopy(path);
      const index = file.accounts.findIndex((account) => account.accessKey === input.accessKey);
      const merged: PlainAccessAccount = index >= 0 ? mergeAccount(file.accounts[index], input) : { ...input };
      checkAccount(merged);
      if (index >= 0) file.accounts[index] = merged;
      else file.accounts.push(merged);
      return file;
    });
  }

  deleteAccount(accessKey: string): Promise<void> {
    return this.change(() => {
      const existing = this.accounts.get(accessKey);
      if (!existing) throw new AclConfigError(`The accessKey ${accessKey} does not exist`);
      const file = this.fileCopy(existing.file);
      file.accounts = file.accounts.filter((account) => account.accessKey !== accessKey);
      return file;
    });
  }

  /** Replaces the global white addresses of one file (plain_acl.yml when `fileFullPath` is blank). */
  updateGlobalWhiteAddresses(addresses: readonly string[], fileFullPath?: string): Promise<void> {
    return this.change(() => {
      const path = fileFullPath?.trim() ? resolve(fileFullPath.trim()) : this.defaultPath;
      if (path !== this.defaultPath && !this.files.some((file) => file.path === path)) {
        throw new AclConfigError(`${path} is not an ACL file of this broker`);
      }
      for (const pattern of addresses) compileAddressPattern(pattern);
      const file = this.fileCopy(path);
      file.globalWhiteRemoteAddresses = [...addresses];
      return file;
    });
  }

  /** Data version of plain_acl.yml and of every loaded file (GET_BROKER_CLUSTER_ACL_INFO). */
  aclVersion(): { version: DataVersion; allAclFileVersion: Record<string, DataVersion> } {
    const allAclFileVersion = Object.fromEntries(this.files.map((file) => [file.path, { ...file.dataVersion }]));
    return { version: allAclFileVersion[this.defaultPath] ?? { counter: 0, timestamp: 0 }, allAclFileVersion };
  }

  snapshot(): { globalWhiteAddrs: string[]; plainAccessConfigs: PlainAccessAccount[] } {
    return {
      globalWhiteAddrs: this.files.flatMap((file) => file.globalWhiteRemoteAddresses),
      plainAccessConfigs: this.files.flatMap((file) => file.accounts.map((account) => ({ ...account }))),
    };
  }

  private fileCopy(path: string): PlainAclFile {
    const file = this.files.find((candidate) => candidate.path === path);
    return file
      ? { ...file, globalWhiteRemoteAddresses: [...file.globalWhiteRemoteAddresses], accounts: [...file.accounts] }
      : { path, globalWhiteRemoteAddresses: [], accounts: [], dataVersion: { counter: 0, timestamp: 0 } };
  }

  /** Builds the new content of one file, writes it (version bumped) and applies the result. */
  private change(edit: () => PlainAclFile): Promise<void> {
    const run = this.writing.then(async () => {
      const file = edit();
      file.dataVersion = { counter: file.dataVersion.counter + 1, timestamp: Date.now() };
      await writeFileAtomic(file.path, serializePlainAclYaml(file));
      this.apply(loadPlainAclFiles(this.home, this.plainFile), this.currentFingerprint());
    });
    this.writing = run.catch(() => undefined);
    return run;
  }

  private reloadIfChanged(): void {
    const fingerprint = this.currentFingerprint();
    if (fingerprint === this.fingerprint) return;
    try {
      this.apply(loadPlainAclFiles(this.home, this.plainFile), fingerprint);
      log.info(`ACL files reloaded: ${this.accounts.size} accounts`);
    } catch (error) {
      this.fingerprint = fingerprint; // warn once per edit, keep the last good configuration
      log.warn(`ACL files not reloaded, the previous accounts stay in force: ${(error as Error).message}`);
    }
  }

  /** The ACL files' paths and content hashes: a file added, removed or edited means reload. */
  private currentFingerprint(): string {
    return aclFilePaths(this.home, this.plainFile)
      .map((path) => {
        try {
          return `${path}:${hashOf(readFileSync(path))}`;
        } catch {
          return `${path}:gone`;
        }
      })
      .join('|');
  }

  private apply(files: PlainAclFile[], fingerprint: string): void {
    const accounts = new Map<string, CompiledAccount>();
    for (const file of files) for (const account of file.accounts) accounts.set(account.accessKey, compileAccount(account, file.path));
    this.globalWhite = files.flatMap((file) => file.globalWhiteRemoteAddresses.map((pattern) => compileAddressPattern(pattern)));
    this.files = files;
    this.accounts = accounts;
    this.fingerprint = fingerprint;
  }
}

function compileAccount(account: PlainAccessAccount, file: string): CompiledAccount {
  const perms = new Map<string, number>();
  for (const item of account.topicPerms) {
    const [topic, perm] = splitResourcePerm(item);
    perms.set(topic, parsePerm(perm));
  }
  for (const item of account.groupPerms) {
    const [group, perm] = splitResourcePerm(item);
    perms.set(RETRY_PREFIX + group, parsePerm(perm));
  }
  return {
    account,
    file,
    white: compileAddressPattern(account.whiteRemoteAddress),
    perms,
    defaultTopicPerm: parsePerm(account.defaultTopicPerm),
    defaultGroupPerm: parsePerm(account.defaultGroupPerm),
  };
}

/** An update keeps what it does not mention (mqadmin updateAclConfig sends only the options given). */
function mergeAccount(current: PlainAccessAccount, update: PlainAccessAccount): PlainAccessAccount {
  return {
    accessKey: current.accessKey,
    secretKey: update.secretKey || current.secretKey,
    whiteRemoteAddress: update.whiteRemoteAddress ?? current.whiteRemoteAddress,
    admin: update.admin,
    defaultTopicPerm: update.defaultTopicPerm ?? current.defaultTopicPerm,
    defaultGroupPerm: update.defaultGroupPerm ?? current.defaultGroupPerm,
    topicPerms: update.topicPerms.length > 0 ? update.topicPerms : current.topicPerms,
    groupPerms: update.groupPerms.length > 0 ? update.groupPerms : current.groupPerms,
  };
}

function hashOf(content: Buffer): number {
  let hash = 0;
  for (const byte of content) hash = (Math.imul(hash, 31) + byte) | 0;
  return hash;
}
