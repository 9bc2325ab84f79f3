import { resolve } from 'node:path';
import { AclException, PlainPermissionManager } from '../../acl';
import { createLogger } from '../../common/logger';
import { ResponseCode } from '../../protocol/response-code';
import type { RequestHook } from '../../remoting/processor-table';
import { ResponseCodeError } from '../../remoting/remoting-error';
import type { BrokerConfig } from '../config/broker-config';

const log = createLogger('acl');

/**
 * ACL 1.0 on the broker (`aclEnable=true`, spec/acl.md): the accounts of `$ROCKETMQ_HOME/conf/plain_acl.yml` (and
 * conf/acl/*.yml), reloaded when the files change, checked before every request. `rocketmqHome` is the broker key
 * (ROCKETMQ_HOME by default); unset, the current directory. A file that does not parse stops start-up.
 */
export async function startBrokerAcl(config: BrokerConfig): Promise<PlainPermissionManager | undefined> {
  if (!config.aclEnable) return undefined;
  const rocketmqHome = resolve(config.rocketmqHome || '.');
  const manager = new PlainPermissionManager({ rocketmqHome });
  await manager.load();
  manager.startWatching();
  const { plainAccessConfigs, globalWhiteAddrs } = manager.snapshot();
  log.info(`ACL enabled: ${plainAccessConfigs.length} accounts, ${globalWhiteAddrs.length} global white addresses (home ${rocketmqHome})`);
  return manager;
}

/**
 * The server hook: a refused request is answered as upstream's RPC-hook failure is, SYSTEM_ERROR with the
 * AclException as remark (a oneway request gets no answer, as always).
 */
export function aclRequestHook(manager: PlainPermissionManager): RequestHook {
  return (request, connection) => {
    try {
      manager.validate(request, connection.remoteAddress);
    } catch (error) {
      if (!(error instanceof AclException)) throw error;
      log.debug(`refused request ${request.code} from ${connection.remoteAddress}: ${error.message}`);
      throw new ResponseCodeError(ResponseCode.SYSTEM_ERROR, `org.apache.rocketmq.acl.common.AclException: ${error.message}`);
    }
  };
}
