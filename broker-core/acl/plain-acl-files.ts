import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AclConfigError, parsePlainAclYaml, type PlainAclFile } from './plain-acl-config';

/**
 * Where ACL files live (spec/acl.md §6): `<home>/conf/plain_acl.yml` and, as 4.9.x reads them, every `*.yml` /
 * `*.yaml` under `<home>/conf/acl/` (recursively). An access key may be defined in one file only.
 */
export const DEFAULT_PLAIN_FILE = join('conf', 'plain_acl.yml');
export const ACL_DIR = join('conf', 'acl');

export function aclFilePaths(rocketmqHome: string, plainFile = DEFAULT_PLAIN_FILE): string[] {
  const paths: string[] = [];
  const main = resolve(rocketmqHome, plainFile);
  if (existsSync(main)) paths.push(main);
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if ((name.endsWith('.yml') || name.endsWith('.yaml')) && path !== main) paths.push(path);
    }
  };
  walk(resolve(rocketmqHome, ACL_DIR));
  return paths;
}

export function loadPlainAclFiles(rocketmqHome: string, plainFile = DEFAULT_PLAIN_FILE): PlainAclFile[] {
  const files = aclFilePaths(rocketmqHome, plainFile).map((path) => parsePlainAclYaml(readFileSync(path, 'utf8'), path));
  const owner = new Map<string, string>();
  for (const file of files) {
    for (const { accessKey } of file.accounts) {
      const other = owner.get(accessKey);
      if (other) throw new AclConfigError(`The accessKey ${accessKey} is defined in both ${other} and ${file.path}`);
      owner.set(accessKey, file.path);
    }
  }
  return files;
}
