/** ACL 1.0 ("plain ACL", spec/acl.md): request signing and the broker's account checks. */
export * from './acl-signature';
export * from './acl-resources';
export * from './address-pattern';
export * from './permission';
export * from './plain-acl-config';
export * from './plain-acl-files';
export * from './plain-permission-manager';
