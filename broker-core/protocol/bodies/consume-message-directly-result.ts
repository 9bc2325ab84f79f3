import { stringifyFastjson } from '../../common/fastjson';
import { booleanField, integerField, parseBodyObject, stringField } from './json-fields';

/**
 * ConsumeMessageDirectlyResult, a consumer's answer to CONSUME_MESSAGE_DIRECTLY (309) (spec/remoting.md §11.2):
 *
 *   {"autoCommit":true,"consumeResult":"CR_SUCCESS","order":false,"remark":"...","spentTimeMills":3}
 */
export type CMResult = 'CR_SUCCESS' | 'CR_LATER' | 'CR_ROLLBACK' | 'CR_COMMIT' | 'CR_THROW_EXCEPTION' | 'CR_RETURN_NULL';

export interface ConsumeMessageDirectlyResult {
  order: boolean;
  autoCommit: boolean;
  consumeResult?: CMResult;
  remark?: string;
  spentTimeMills: number;
}

export function decodeConsumeMessageDirectlyResult(body: Buffer | string): ConsumeMessageDirectlyResult {
  const path = 'ConsumeMessageDirectlyResult';
  const obj = parseBodyObject(body, path);
  const result: ConsumeMessageDirectlyResult = {
    order: booleanField(obj, 'order', path, false),
    autoCommit: booleanField(obj, 'autoCommit', path, true),
    spentTimeMills: integerField(obj, 'spentTimeMills', path, 0),
  };
  const consumeResult = stringField(obj, 'consumeResult', path);
  if (consumeResult !== undefined) result.consumeResult = consumeResult as CMResult;
  const remark = stringField(obj, 'remark', path);
  if (remark !== undefined) result.remark = remark;
  return result;
}

export function encodeConsumeMessageDirectlyResult(result: ConsumeMessageDirectlyResult): Buffer {
  return Buffer.from(
    stringifyFastjson({
      autoCommit: result.autoCommit,
      consumeResult: result.consumeResult,
      order: result.order,
      remark: result.remark,
      spentTimeMills: result.spentTimeMills,
    }),
    'utf8',
  );
}
