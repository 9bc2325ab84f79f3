import { defineHeader, type HeaderOf } from './define-header';

/** WIPE_WRITE_PERM_OF_BROKER (205) / ADD_WRITE_PERM_OF_BROKER (327) headers (spec/remoting.md §11.5). */
export const WipeWritePermOfBrokerRequestHeader = defineHeader({
  brokerName: 'string!',
});
export type WipeWritePermOfBrokerRequestHeader = HeaderOf<typeof WipeWritePermOfBrokerRequestHeader>;

export const WipeWritePermOfBrokerResponseHeader = defineHeader({
  wipeTopicCount: 'int!',
});
export type WipeWritePermOfBrokerResponseHeader = HeaderOf<typeof WipeWritePermOfBrokerResponseHeader>;

export const AddWritePermOfBrokerRequestHeader = defineHeader({
  brokerName: 'string!',
});
export type AddWritePermOfBrokerRequestHeader = HeaderOf<typeof AddWritePermOfBrokerRequestHeader>;

export const AddWritePermOfBrokerResponseHeader = defineHeader({
  addTopicCount: 'int!',
});
export type AddWritePermOfBrokerResponseHeader = HeaderOf<typeof AddWritePermOfBrokerResponseHeader>;
