import { ResponseCode } from '../../../protocol/response-code';
import { ResponseCodeError } from '../../../remoting/remoting-error';
import type { BrokerContext } from '../../broker-context';

/**
 * Topic and group changes go to masters only (upstream AdminBrokerProcessor.validateSlave, spec/ha.md §1): a slave
 * copies them from its master, and the next metadata sync would silently undo a change made on it.
 */
export function refuseOnSlave(ctx: BrokerContext): void {
  if (ctx.config.brokerRole === 'SLAVE') {
    throw new ResponseCodeError(ResponseCode.SYSTEM_ERROR, "Can't modify topic or subscription group from slave broker, please execute it from master broker.");
  }
}
