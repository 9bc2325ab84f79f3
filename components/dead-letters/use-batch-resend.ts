'use client';

import { useCallback, useRef, useState } from 'react';
import { dlqApi } from '@/lib/api/dlq';
import { sendJson } from '@/lib/api/fetch-json';
import { dlqResendResultSchema, type DlqResendMode, type DlqResendResult } from '@/lib/validations/message-query';

/**
 * Resends many dead letters a few at a time, so the page can show progress ("7 / 40 done") and every message's
 * own outcome; a failed request marks its chunk failed and the rest go on.
 */
export const RESEND_CHUNK = 5;

export interface BatchResend {
  running: boolean;
  done: number;
  total: number;
  results: DlqResendResult['results'];
  run(input: { cluster: string; group: string; mode: DlqResendMode; msgIds: string[]; clientId?: string }): Promise<void>;
  reset(): void;
}

export function useBatchResend(): BatchResend {
  const [running, setRunning] = useState(false);
  const [done, setDone] = useState(0);
  const [total, setTotal] = useState(0);
  const [results, setResults] = useState<DlqResendResult['results']>([]);
  const busy = useRef(false);
  const run = useCallback<BatchResend['run']>(async ({ msgIds, ...rest }) => {
    if (busy.current) return;
    busy.current = true;
    setRunning(true);
    setDone(0);
    setTotal(msgIds.length);
    setResults([]);
    try {
      for (let start = 0; start < msgIds.length; start += RESEND_CHUNK) {
        const chunk = msgIds.slice(start, start + RESEND_CHUNK);
        let chunkResults: DlqResendResult['results'];
        try {
          chunkResults = (await sendJson('POST', dlqApi.resend(), { ...rest, msgIds: chunk }, dlqResendResultSchema)).results;
        } catch (error) {
          chunkResults = chunk.map((msgId) => ({ msgId, ok: false, outcome: 'failed', error: error instanceof Error ? error.message : String(error) }));
        }
        setResults((current) => [...current, ...chunkResults]);
        setDone((current) => current + chunk.length);
      }
    } finally {
      busy.current = false;
      setRunning(false);
    }
  }, []);
  const reset = useCallback(() => {
    setResults([]);
    setDone(0);
    setTotal(0);
  }, []);
  return { running, done, total, results, run, reset };
}
