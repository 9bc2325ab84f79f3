import { defineMessages } from '../define-messages';

/** The Producers page (components/producers). */
export const producersText = defineMessages({
  en: {
    topic: 'Topic',
    group: 'Producer group',
    search: 'Search',
    hint: 'A producer group is listed on the brokers of the topics it sends to.',
    columns: { clientId: 'Client id', clientAddr: 'Client address', language: 'Language', version: 'Version' },
    emptyTitle: 'No client of this group is connected to the topic’s brokers',
    errorTitle: 'The connections could not be loaded',
    start: 'Enter a topic and a producer group.',
    groupsTitle: 'Producer groups on the topic’s brokers',
    groupsUnsupported: 'These brokers do not report their producer groups (RocketMQ 4.x brokers do not; 5.x and the embedded broker do); enter the group by hand.',
    groupsNone: 'No producer group is connected to these brokers.',
    groupsError: 'The producer groups could not be loaded',
    clients: (count: number) => `${count} client${count === 1 ? '' : 's'}`,
    total: (count: number) => `${count} connection${count === 1 ? '' : 's'}`,
  },
  zh: {
    topic: '主题',
    group: '生产者组',
    search: '查询',
    hint: '生产者组会出现在它所发送主题的 Broker 上。',
    columns: { clientId: '客户端 ID', clientAddr: '客户端地址', language: '语言', version: '版本' },
    emptyTitle: '该组没有客户端连接到此主题的 Broker',
    errorTitle: '无法加载连接',
    start: '请输入主题和生产者组。',
    groupsTitle: '此主题 Broker 上的生产者组',
    groupsUnsupported: '这些 Broker 不报告生产者组（RocketMQ 4.x 不报告；5.x 和内置 Broker 会报告），请手动输入组名。',
    groupsNone: '没有生产者组连接到这些 Broker。',
    groupsError: '无法加载生产者组',
    clients: (count) => `${count} 个客户端`,
    total: (count) => `${count} 个连接`,
  },
});
