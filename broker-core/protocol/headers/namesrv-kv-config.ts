import { defineHeader, type HeaderOf } from './define-header';

/** Headers of the nameserver's KV config requests (spec/remoting.md §11.5). */

/** PUT_KV_CONFIG (100). */
export const PutKVConfigRequestHeader = defineHeader({
  namespace: 'string!',
  key: 'string!',
  value: 'string!',
});
export type PutKVConfigRequestHeader = HeaderOf<typeof PutKVConfigRequestHeader>;

/** GET_KV_CONFIG (101). */
export const GetKVConfigRequestHeader = defineHeader({
  namespace: 'string!',
  key: 'string!',
});
export type GetKVConfigRequestHeader = HeaderOf<typeof GetKVConfigRequestHeader>;

export const GetKVConfigResponseHeader = defineHeader({
  value: 'string',
});
export type GetKVConfigResponseHeader = HeaderOf<typeof GetKVConfigResponseHeader>;

/** DELETE_KV_CONFIG (102). */
export const DeleteKVConfigRequestHeader = defineHeader({
  namespace: 'string!',
  key: 'string!',
});
export type DeleteKVConfigRequestHeader = HeaderOf<typeof DeleteKVConfigRequestHeader>;

/** GET_KVLIST_BY_NAMESPACE (219). */
export const GetKVListByNamespaceRequestHeader = defineHeader({
  namespace: 'string!',
});
export type GetKVListByNamespaceRequestHeader = HeaderOf<typeof GetKVListByNamespaceRequestHeader>;
