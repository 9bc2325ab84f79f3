import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { AclCredentials } from '../../acl/acl-signature';

/**
 * The ACL account mqadmin signs with: `accessKey` and `secretKey` of `$ROCKETMQ_HOME/conf/tools.yml`, as Apache
 * RocketMQ's MQAdminStartup reads it (AclUtils.getAclRPCHook). No file, or a blank key, means unsigned requests;
 * ROCKETMQ_HOME defaults to the current directory (upstream insists on the variable).
 */
export const TOOLS_FILE = join('conf', 'tools.yml');

export function toolsCredentials(env: Readonly<Record<string, string | undefined>>, cwd = process.cwd()): AclCredentials | undefined {
  const path = join(env.ROCKETMQ_HOME || cwd, TOOLS_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch (error) {
    throw new Error(`${path} is not valid YAML: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { accessKey, secretKey } = parsed as Record<string, unknown>;
  const clean = (value: unknown): string => (value === undefined || value === null ? '' : String(value).trim());
  const key = clean(accessKey);
  const secret = clean(secretKey);
  return key && secret ? { accessKey: key, secretKey: secret } : undefined;
}
