import { queryMessagesByTime, viewMessageById } from '../../../broker-core/client/admin/message-queries';
import type { MQAdmin } from '../../../broker-core/client/admin/mq-admin';
import type { Producer } from '../../../broker-core/client/producer/producer';
import { DLQ_GROUP_TOPIC_PREFIX, MessageConst } from '../../../broker-core/common/message/message-const';
import type { MessageExt } from '../../../broker-core/common/message/message-ext';
import { ResponseCode } from '../../../broker-core/protocol/response-code';
import type { DlqExportQuery, DlqMessagesQuery, DlqResendMode, DlqResendResult, DlqTopic, MessagePage } from '../../validations/message-query';
import { MAX_DLQ_EXPORT } from '../../validations/message-query';
import { asResponseCodeError } from '../error-kinds';
import { mapLimited } from '../map-limited';
import type { MessageService } from '../messages/message-service';
import { toMessageSummary } from '../messages/message-view';
import { requestError } from '../request-errors';
import { exportedMessage, toCsvExport, toJsonExport } from './dlq-export';

/**
 * The Dead letters page's server side: the %DLQ% topics and their sizes, browsing one group's dead letters by
 * time, resending (both ways, see DLQ_RESEND_MODES) and exporting. A group without a %DLQ% topic has no dead
 * letters: an empty page, not an error (as rocketmq-dashboard answers).
 */
export interface DeadLetterService {
  listTopics(clusterId: string): Promise<DlqTopic[]>;
  queryByTime(query: DlqMessagesQuery): Promise<MessagePage>;
  resend(input: { cluster: string; group: string; mode: DlqResendMode; msgIds: string[]; clientId?: string }): Promise<DlqResendResult>;
  exportFile(query: DlqExportQuery): Promise<{ fileName: string; contentType: string; body: string }>;
}

export interface DeadLetterDeps {
  admin(clusterId: string): MQAdmin;
  producer(clusterId: string): Promise<Producer>;
  messages: MessageService;
}

const SYSTEM_PROPERTIES: ReadonlySet<string> = new Set(Object.entries(MessageConst).filter(([name]) => name !== 'TRANSIENT_PREFIX').map(([, value]) => value));

export function createDeadLetterService(deps: DeadLetterDeps): DeadLetterService {
  const page = async (admin: MQAdmin, query: Omit<DlqMessagesQuery, 'cluster'>) => {
    try {
      return await queryMessagesByTime(admin, { topic: dlqTopic(query.group), beginTimestamp: query.from, endTimestamp: query.to, pageSize: query.pageSize, cursor: query.cursor });
    } catch (error) {
      if (asResponseCodeError(error)?.code === ResponseCode.TOPIC_NOT_EXIST) return { messages: [] as MessageExt[], cursor: undefined };
      if (query.cursor && error instanceof Error && error.message.startsWith('bad cursor')) throw requestError('bad-request', error.message);
      throw error;
    }
  };
  return {
    async listTopics(clusterId) {
      const admin = deps.admin(clusterId);
      const topics = (await admin.fetchAllTopicList()).filter((topic) => topic.startsWith(DLQ_GROUP_TOPIC_PREFIX)).sort();
      const totals = await mapLimited(topics, 8, async (topic) => {
        const stats = await admin.examineTopicStats(topic).catch(() => undefined);
        return stats ? stats.offsetTable.reduce((sum, entry) => sum + entry.value.maxOffset - entry.value.minOffset, 0) : 0;
      });
      return topics.map((topic, index) => ({ group: topic.slice(DLQ_GROUP_TOPIC_PREFIX.length), topic, total: totals[index] }));
    },
    async queryByTime(query) {
      const result = await page(deps.admin(query.cluster), query);
      return { messages: result.messages.map(toMessageSummary), ...(result.cursor ? { cursor: result.cursor } : {}) };
    },
    async resend({ cluster, group, mode, msgIds, clientId }) {
      const admin = deps.admin(cluster);
      const results: DlqResendResult['results'] = [];
      for (const msgId of msgIds) {
        try {
          if (mode === 'consume-directly') {
            const answer = await deps.messages.resendToGroup({ cluster, group, msgId, ...(clientId ? { clientId } : {}) });
            results.push({ msgId, ok: answer.consumeResult === 'CR_SUCCESS', outcome: answer.consumeResult ?? 'no result' });
          } else {
            const letter = await viewMessageById(admin, msgId.toUpperCase());
            const sent = await (await deps.producer(cluster)).send(originalMessageOf(letter, group));
            results.push({ msgId, ok: sent.sendStatus === 'SEND_OK', outcome: `${sent.sendStatus} ${sent.msgId}` });
          }
        } catch (error) {
          results.push({ msgId, ok: false, outcome: 'failed', error: error instanceof Error ? error.message : String(error) });
        }
      }
      return { results };
    },
    async exportFile(query) {
      const admin = deps.admin(query.cluster);
      const messages: MessageExt[] = [];
      let cursor: string | undefined;
      do {
        const next = await page(admin, { group: query.group, from: query.from, to: query.to, pageSize: 200, cursor });
        messages.push(...next.messages);
        cursor = next.cursor;
      } while (cursor && messages.length < MAX_DLQ_EXPORT);
      const exported = messages.slice(0, MAX_DLQ_EXPORT).map(exportedMessage);
      const stem = `dlq-${query.group.replace(/[^A-Za-z0-9_-]/g, '_')}-${query.from}-${query.to}`;
      return query.format === 'csv'
        ? { fileName: `${stem}.csv`, contentType: 'text/csv; charset=utf-8', body: toCsvExport(exported) }
        : { fileName: `${stem}.json`, contentType: 'application/json; charset=utf-8', body: toJsonExport(exported) };
    },
  };
}

export function dlqTopic(group: string): string {
  return `${DLQ_GROUP_TOPIC_PREFIX}${group}`;
}

/** The message to store again in the original topic: body, tag, keys and the user's own properties. */
function originalMessageOf(letter: MessageExt, group: string) {
  const topic = letter.properties.get(MessageConst.RETRY_TOPIC);
  if (!topic) throw requestError('conflict', `the dead letter ${letter.msgId} of ${group} does not name its original topic (no RETRY_TOPIC property)`);
  const properties: Record<string, string> = {};
  for (const [name, value] of letter.properties) if (!SYSTEM_PROPERTIES.has(name)) properties[name] = value;
  return { topic, body: letter.body, ...(letter.tags ? { tags: letter.tags } : {}), ...(letter.keys ? { keys: letter.keys } : {}), properties };
}
