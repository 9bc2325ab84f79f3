import { createHmac } from 'node:crypto';
import type { RemotingCommand } from '../remoting/remoting-command';

/**
 * ACL 1.0 request signing (spec/acl.md §1-2), shared by the client, which signs every request, and the broker,
 * which recomputes the signature: HMAC-SHA1 keyed with the secret key over the extFields *values* sorted by key
 * (Java TreeMap order = UTF-16 code units, JavaScript's default sort), `Signature` left out, then the raw body.
 */
export const ACCESS_KEY = 'AccessKey';
export const SIGNATURE = 'Signature';
export const SECURITY_TOKEN = 'SecurityToken';

export interface AclCredentials {
  accessKey: string;
  secretKey: string;
  /** STS token: sent and signed, never checked by the plain validator. */
  securityToken?: string;
}

/** The bytes that are signed: sorted values of `extFields` except Signature (and any key in `skip`), then `body`. */
export function signedContent(extFields: Readonly<Record<string, string>>, body: Buffer | undefined, skip?: string): Buffer {
  let values = '';
  for (const key of Object.keys(extFields).sort()) {
    if (key !== SIGNATURE && key !== skip) values += extFields[key];
  }
  const text = Buffer.from(values, 'utf8');
  return body && body.length > 0 ? Buffer.concat([text, body]) : text;
}

/** Standard Base64 (padded, 28 characters) of HMAC-SHA1(secretKey, content). */
export function aclSignature(secretKey: string, content: Buffer): string {
  return createHmac('sha1', Buffer.from(secretKey, 'utf8')).update(content).digest('base64');
}

/** Java AclClientRPCHook#doBeforeRequest: adds AccessKey (and SecurityToken), then the Signature over the result. */
export function signRequest(request: RemotingCommand, credentials: AclCredentials): void {
  const extFields = request.extFields ?? {};
  extFields[ACCESS_KEY] = credentials.accessKey;
  if (credentials.securityToken) extFields[SECURITY_TOKEN] = credentials.securityToken;
  delete extFields[SIGNATURE];
  extFields[SIGNATURE] = aclSignature(credentials.secretKey, signedContent(extFields, request.body));
  request.extFields = extFields;
}
