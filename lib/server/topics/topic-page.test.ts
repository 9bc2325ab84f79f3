import { describe, expect, it } from 'vitest';
import { newTopicConfig } from '../../../broker-core/protocol/bodies/topic-config';
import { topicListQuerySchema, topicFormSchema, type TopicRow } from '../../validations/topic';
import { pageTopics } from './topic-page';
import { topicTypes } from './topic-types';

const facts = { systemTopics: new Set(['DefaultCluster', 'broker-a']), orderTopics: new Set(['OrderKv']) };

describe('topic types', () => {
  it('sorts names into normal, retry, DLQ and system, and adds order / transaction / delay where configs say so', () => {
    expect(topicTypes('Orders', [newTopicConfig('Orders')], facts)).toEqual(['normal']);
    expect(topicTypes('%RETRY%G', [], facts)).toEqual(['retry']);
    expect(topicTypes('%DLQ%G', [], facts)).toEqual(['dlq']);
    expect(topicTypes('TBW102', [], facts)).toEqual(['system']);
    expect(topicTypes('DefaultCluster', [], facts)).toEqual(['system']);
    expect(topicTypes('RMQ_SYS_TRACE_TOPIC', [], facts)).toEqual(['system']);
    expect(topicTypes('DefaultCluster_REPLY_TOPIC', [], facts)).toEqual(['system']);
    expect(topicTypes('Seq', [newTopicConfig('Seq', { order: true })], facts)).toEqual(['normal', 'order']);
    expect(topicTypes('OrderKv', [], facts)).toEqual(['normal', 'order']);
    expect(topicTypes('Tx', [newTopicConfig('Tx', { attributes: { 'message.type': 'TRANSACTION' } })], facts)).toEqual(['normal', 'transaction']);
    expect(topicTypes('Later', [newTopicConfig('Later', { attributes: { '+message.type': 'DELAY' } })], facts)).toEqual(['normal', 'delay']);
  });
});

describe('topic paging', () => {
  const row = (name: string, types: TopicRow['types'], writeQueueNums = 4): TopicRow => ({ name, types, readQueueNums: writeQueueNums, writeQueueNums, perm: 6, brokerNames: ['b'], clusterNames: ['c'] });
  const rows = Array.from({ length: 5000 }, (_, i) => row(`Topic-${String(i).padStart(4, '0')}`, ['normal'], (i % 16) + 1)).concat([row('%RETRY%Topic-g', ['retry']), row('TBW102', ['system'])]);
  const query = (fields: Record<string, string>) => topicListQuerySchema.parse({ cluster: 'embedded', ...fields });

  it('answers one page of 5000 topics with the totals, filtered by words and types', () => {
    const first = pageTopics('embedded', rows, query({}), 1);
    expect(first.rows).toHaveLength(50);
    expect(first.rows[0].name).toBe('%RETRY%Topic-g');
    expect(first).toMatchObject({ total: 5002, unfilteredTotal: 5002, page: 1, pageSize: 50, typeCounts: { normal: 5000, retry: 1, system: 1 } });

    const searched = pageTopics('embedded', rows, query({ search: 'topic 499', types: 'normal' }), 1);
    expect(searched.rows.map((r) => r.name)).toEqual(['Topic-0499', 'Topic-1499', 'Topic-2499', 'Topic-3499', 'Topic-4499', ...Array.from({ length: 10 }, (_, i) => `Topic-499${i}`)]);
    expect(searched.typeCounts).toEqual({ normal: 15 });

    const retry = pageTopics('embedded', rows, query({ types: 'retry,system' }), 1);
    expect(retry.rows.map((r) => r.name)).toEqual(['%RETRY%Topic-g', 'TBW102']);
  });

  it('sorts by queues or name in either direction and clamps a page past the end', () => {
    const byQueues = pageTopics('embedded', rows, query({ sort: 'queues', dir: 'desc', pageSize: '3' }), 1);
    expect(byQueues.rows.map((r) => r.writeQueueNums)).toEqual([16, 16, 16]);
    const last = pageTopics('embedded', rows, query({ page: '9999', pageSize: '500' }), 1);
    expect(last.page).toBe(11);
    expect(last.rows).toHaveLength(2);
  });

  it('refuses bad list queries and bad topic forms with the reason', () => {
    expect(topicListQuerySchema.safeParse({ cluster: 'embedded', pageSize: '0' }).error?.issues[0].message).toBe('pageSize must be between 1 and 500');
    expect(topicListQuerySchema.safeParse({ cluster: 'embedded', types: 'normal,bogus' }).success).toBe(false);
    const form = { cluster: 'embedded', topicName: 'Good_Topic-1', readQueueNums: 8, writeQueueNums: 8, perm: 6, clusterNames: ['DefaultCluster'] };
    expect(topicFormSchema.parse(form)).toMatchObject({ order: false, brokerNames: [] });
    const problem = (fields: Record<string, unknown>) => topicFormSchema.safeParse({ ...form, ...fields }).error?.issues[0].message;
    expect(problem({ topicName: 'bad topic!' })).toBe('topic name may only contain letters, digits, %, |, _ and -');
    expect(problem({ topicName: 'x'.repeat(128) })).toBe('topic name is at most 127 characters');
    expect(problem({ writeQueueNums: 0 })).toBe('write queue number must be between 1 and 1024');
    expect(problem({ readQueueNums: 1025 })).toBe('read queue number must be between 1 and 1024');
    expect(problem({ perm: 5 })).toBe('perm must be 2 (write), 4 (read) or 6 (read and write)');
    expect(problem({ clusterNames: [] })).toBe('choose at least one cluster or broker to create the topic on');
  });
});
