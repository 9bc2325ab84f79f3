import { createLogger } from '../../common/logger';
import { MessageConst } from '../../common/message/message-const';
import { decodeStoredMessage } from '../../common/message/stored-message-decoder';
import { CheckTransactionStateRequestHeader } from '../../protocol/headers/transaction';
import { RequestCode } from '../../protocol/request-code';
import type { ClientInstance } from './client-instance';

const log = createLogger('client');

/**
 * CHECK_TRANSACTION_STATE (39), oneway from a broker (spec/remoting.md §11.1, Java
 * `ClientRemotingProcessor#checkTransactionState`): the body is the half message with its real topic and queue; the
 * producer of its PGROUP in this instance answers on the same connection (transaction-producer.ts). Nothing is sent
 * back here; a message without group or producer is only logged.
 */
export function registerCheckTransactionState(instance: ClientInstance): void {
  instance.remoting.processors.register(RequestCode.CHECK_TRANSACTION_STATE, (request, connection) => {
    const header = CheckTransactionStateRequestHeader.decode(request.extFields);
    if (!request.body || request.body.length === 0) {
      log.warn(`CHECK_TRANSACTION_STATE from ${connection.remoteAddress} without a message`);
      return null;
    }
    const message = decodeStoredMessage(request.body, 0, { decompressBody: true });
    const group = message.properties.get(MessageConst.PRODUCER_GROUP);
    const producer = group === undefined ? undefined : instance.producer(group);
    if (!producer?.checkTransactionState) {
      log.debug(`CHECK_TRANSACTION_STATE for group ${group ?? '(none)'}: no transactional producer of it here`);
      return null;
    }
    producer.checkTransactionState(message, header, connection);
    return null;
  });
}
