import { defineMessages } from '../define-messages';

/** The left navigation and each section's page title, summary, and (while unbuilt) what it will show. */
export const navText = defineMessages({
  en: {
    dashboard: {
      label: 'Dashboard',
      title: 'Dashboard',
      summary: 'How the clusters are doing, at a glance.',
      willShow: 'live put and get TPS per broker and per topic, message totals for today and yesterday, and the busiest topics and consumer groups',
    },
    cluster: { label: 'Cluster', title: 'Cluster', summary: 'Every broker the nameservers know, refreshed every few seconds.', willShow: '' },
    topics: {
      label: 'Topics',
      title: 'Topics',
      summary: 'Topics, their queues and routes.',
      willShow: 'every topic with its read/write queue counts, permissions and route per broker, its queue offsets, and forms to create, update and delete topics',
    },
    consumers: {
      label: 'Consumers',
      title: 'Consumers',
      summary: 'Consumer groups and their progress.',
      willShow: 'every subscription group with its connected clients, consume TPS and lag per queue, and actions to reset offsets and edit or delete groups',
    },
    producers: {
      label: 'Producers',
      title: 'Producers',
      summary: 'Producer groups connected to a topic.',
      willShow: 'the producer connections of a topic and group: client id, address, language and version',
    },
    messages: {
      label: 'Messages',
      title: 'Messages',
      summary: 'Find and inspect messages.',
      willShow: 'message search by topic and time range, by key and by message id, with each message’s properties and body, and resending a message to a consumer group',
    },
    deadLetters: {
      label: 'Dead letters',
      title: 'Dead letters',
      summary: 'Messages that exhausted their retries.',
      willShow: 'the %DLQ% topic of each consumer group with its messages, and actions to resend or export them',
    },
    trace: {
      label: 'Trace',
      title: 'Trace',
      summary: 'Where a message went.',
      willShow: 'the trace of a message by id or key: when it was sent, stored and consumed, by which clients, and how long each step took',
    },
    ops: {
      label: 'Ops',
      title: 'Ops',
      summary: 'Operations on the console and its clusters.',
      willShow: 'the nameserver list (adding and removing clusters), nameserver and broker configuration, and broker write-permission switches',
    },
  },
  zh: {
    dashboard: {
      label: '概览',
      title: '概览',
      summary: '集群运行状况一览。',
      willShow: '每个 Broker 和每个主题的实时生产与消费 TPS、今天和昨天的消息总数，以及最繁忙的主题和消费组',
    },
    cluster: { label: '集群', title: '集群', summary: 'NameServer 所知的每个 Broker，每隔几秒刷新。', willShow: '' },
    topics: {
      label: '主题',
      title: '主题',
      summary: '主题及其队列和路由。',
      willShow: '每个主题的读写队列数、权限和各 Broker 上的路由、队列位点，以及创建、修改和删除主题的表单',
    },
    consumers: {
      label: '消费者',
      title: '消费者',
      summary: '消费组及其消费进度。',
      willShow: '每个订阅组的在线客户端、消费 TPS 和每个队列的堆积，以及重置位点、修改或删除订阅组的操作',
    },
    producers: {
      label: '生产者',
      title: '生产者',
      summary: '连接到某个主题的生产者组。',
      willShow: '某主题和生产者组的连接：客户端 ID、地址、语言和版本',
    },
    messages: {
      label: '消息',
      title: '消息',
      summary: '查找和查看消息。',
      willShow: '按主题和时间范围、按 Key、按消息 ID 查询消息，查看属性和消息体，并将消息重新投递给消费组',
    },
    deadLetters: {
      label: '死信',
      title: '死信消息',
      summary: '重试次数用尽的消息。',
      willShow: '每个消费组的 %DLQ% 主题及其消息，以及重发和导出操作',
    },
    trace: {
      label: '消息轨迹',
      title: '消息轨迹',
      summary: '一条消息的去向。',
      willShow: '按消息 ID 或 Key 查询轨迹：何时发送、存储和消费，由哪些客户端处理，每一步耗时多少',
    },
    ops: {
      label: '运维',
      title: '运维',
      summary: '控制台及其集群的运维操作。',
      willShow: 'NameServer 列表（添加和移除集群）、NameServer 与 Broker 配置，以及 Broker 写权限开关',
    },
  },
});
