import type { MQAdmin } from '../../../broker-core/client/admin/mq-admin';
import { resetOffsetByTime } from '../../../broker-core/client/admin/offset-reset';
import { getAllSubscriptionGroupConfig } from '../../../broker-core/client/broker-admin';
import { newSubscriptionGroupConfig, type SubscriptionGroupConfig } from '../../../broker-core/protocol/bodies/subscription-group-config';
import type { GroupConfigForm, GroupConfigs, ResetOffsetResult } from '../../validations/group';

/**
 * Subscription-group configs per master broker (rocketmq-dashboard's config dialog: one form, written to the brokers
 * chosen), deletion per broker, and offset resets. Writing over an existing config keeps the members the form does
 * not show (5.x fields the broker sent), so an update never drops them.
 */
export async function fetchGroupConfigs(admin: MQAdmin, group: string): Promise<GroupConfigs> {
  const masters = await masterBrokers(admin);
  const configs = await Promise.all(masters.map((master) => configOn(admin, master.brokerAddr, group)));
  return {
    group,
    brokers: masters.map((master, index) => {
      const config = configs[index];
      return {
        ...master,
        config: config
          ? {
              groupName: config.groupName,
              consumeEnable: config.consumeEnable,
              consumeBroadcastEnable: config.consumeBroadcastEnable,
              consumeFromMinEnable: config.consumeFromMinEnable,
              retryQueueNums: config.retryQueueNums,
              retryMaxTimes: config.retryMaxTimes,
              brokerId: config.brokerId,
              whichBrokerWhenConsumeSlowly: config.whichBrokerWhenConsumeSlowly,
            }
          : null,
      };
    }),
  };
}

/** Creates or updates the group on each chosen broker; returns the addresses written. */
export async function writeGroupConfig(admin: MQAdmin, form: GroupConfigForm): Promise<string[]> {
  const fields = {
    consumeEnable: form.consumeEnable,
    consumeBroadcastEnable: form.consumeBroadcastEnable,
    consumeFromMinEnable: form.consumeFromMinEnable,
    retryQueueNums: form.retryQueueNums,
    retryMaxTimes: form.retryMaxTimes,
    brokerId: form.brokerId,
    whichBrokerWhenConsumeSlowly: form.whichBrokerWhenConsumeSlowly,
  };
  for (const brokerAddr of form.brokerAddrs) {
    const existing = await configOn(admin, brokerAddr, form.groupName);
    const config: SubscriptionGroupConfig = existing ? { ...existing, ...fields } : newSubscriptionGroupConfig(form.groupName, fields);
    await admin.createOrUpdateSubscriptionGroup(config, { brokerAddr });
  }
  return form.brokerAddrs;
}

export async function deleteGroupConfig(admin: MQAdmin, group: string, brokerAddrs: readonly string[], removeOffset: boolean): Promise<string[]> {
  for (const brokerAddr of brokerAddrs) await admin.deleteSubscriptionGroup(group, { brokerAddr }, removeOffset);
  return [...brokerAddrs];
}

/** mqadmin resetOffsetByTime: pushed to online clients, or written directly when the group is offline. */
export async function resetGroupOffset(admin: MQAdmin, group: string, topic: string, timestamp: number, force: boolean): Promise<ResetOffsetResult> {
  const result = await resetOffsetByTime(admin, topic, group, timestamp, force);
  if (result.mode === 'online') {
    return {
      mode: 'online',
      queues: result.offsets.map(({ messageQueue, value }) => ({ brokerName: messageQueue.brokerName, queueId: messageQueue.queueId, offset: value })),
    };
  }
  return { mode: 'offline', queues: result.rollback.map((entry) => ({ brokerName: entry.brokerName, queueId: entry.queueId, offset: entry.rollbackOffset })) };
}

async function masterBrokers(admin: MQAdmin): Promise<Array<{ cluster: string; brokerName: string; brokerAddr: string }>> {
  const info = await admin.examineBrokerClusterInfo();
  const masters: Array<{ cluster: string; brokerName: string; brokerAddr: string }> = [];
  for (const [brokerName, data] of Object.entries(info.brokerAddrTable)) {
    const brokerAddr = data.brokerAddrs['0'];
    if (brokerAddr) masters.push({ cluster: data.cluster, brokerName, brokerAddr });
  }
  return masters.sort((a, b) => (a.cluster + a.brokerName < b.cluster + b.brokerName ? -1 : 1));
}

async function configOn(admin: MQAdmin, brokerAddr: string, group: string): Promise<SubscriptionGroupConfig | undefined> {
  const wrapper = await getAllSubscriptionGroupConfig(admin.remoting, brokerAddr, admin.timeoutMs);
  return wrapper.subscriptionGroupTable[group];
}
