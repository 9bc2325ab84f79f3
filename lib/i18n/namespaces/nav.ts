import { defineMessages } from '../define-messages';

/** The left navigation and each section's page title and summary. */
export const navText = defineMessages({
  en: {
    dashboard: {
      label: 'Dashboard',
      title: 'Dashboard',
      summary: 'How the clusters are doing, at a glance.',
    },
    cluster: { label: 'Cluster', title: 'Cluster', summary: 'Every broker the nameservers know, refreshed every few seconds.' },
    topics: {
      label: 'Topics',
      title: 'Topics',
      summary: 'Topics, their queues and routes.',
    },
    consumers: {
      label: 'Consumers',
      title: 'Consumers',
      summary: 'Consumer groups and their progress.',
    },
    producers: {
      label: 'Producers',
      title: 'Producers',
      summary: 'Producer groups connected to a topic.',
    },
    messages: {
      label: 'Messages',
      title: 'Messages',
      summary: 'Find and inspect messages.',
    },
    deadLetters: {
      label: 'Dead letters',
      title: 'Dead letters',
      summary: 'Messages that exhausted their retries.',
    },
    trace: {
      label: 'Trace',
      title: 'Trace',
      summary: 'Where a message went.',
    },
    ops: {
      label: 'Ops',
      title: 'Ops',
      summary: 'Operations on the console and its clusters.',
    },
  },
  zh: {
    dashboard: {
      label: '概览',
      title: '概览',
      summary: '集群运行状况一览。',
    },
    cluster: { label: '集群', title: '集群', summary: 'NameServer 所知的每个 Broker，每隔几秒刷新。' },
    topics: {
      label: '主题',
      title: '主题',
      summary: '主题及其队列和路由。',
    },
    consumers: {
      label: '消费者',
      title: '消费者',
      summary: '消费组及其消费进度。',
    },
    producers: {
      label: '生产者',
      title: '生产者',
      summary: '连接到某个主题的生产者组。',
    },
    messages: {
      label: '消息',
      title: '消息',
      summary: '查找和查看消息。',
    },
    deadLetters: {
      label: '死信',
      title: '死信消息',
      summary: '重试次数用尽的消息。',
    },
    trace: {
      label: '消息轨迹',
      title: '消息轨迹',
      summary: '一条消息的去向。',
    },
    ops: {
      label: '运维',
      title: '运维',
      summary: '控制台及其集群的运维操作。',
    },
  },
});
