'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { tailEventSchema, type MessageSummary } from '../validations/message-query';
import { messageApi } from './messages';

/**
 * The live tail of a topic over Server-Sent Events. The page keeps at most `max` messages (newest first); while
 * paused, new ones wait (bounded the same way) and join on resume. The stream closes when `target` goes undefined
 * or the component unmounts.
 */
export type TailStatus = 'idle' | 'connecting' | 'live' | 'error';

export interface TopicTail {
  status: TailStatus;
  error: string | undefined;
  messages: MessageSummary[];
  pending: number;
  skipped: number;
  paused: boolean;
  pause(): void;
  resume(): void;
  clear(): void;
}

export const TAIL_BUFFER_MAX = 500;

export function useTopicTail(target: { cluster: string; topic: string } | undefined, max = TAIL_BUFFER_MAX): TopicTail {
  const [messages, setMessages] = useState<MessageSummary[]>([]);
  const [status, setStatus] = useState<TailStatus>('idle');
  const [error, setError] = useState<string | undefined>();
  const [skipped, setSkipped] = useState(0);
  const [paused, setPaused] = useState(false);
  const [pendingCount, setPendingCount] = useState(0);
  const pending = useRef<MessageSummary[]>([]);
  const pausedRef = useRef(false);
  const cluster = target?.cluster;
  const topic = target?.topic;

  useEffect(() => {
    if (!cluster || !topic) return;
    const source = new EventSource(messageApi.tail(cluster, topic));
    const connecting = setTimeout(() => setStatus((current) => (current === 'live' ? current : 'connecting')), 0);
    source.addEventListener('ready', () => {
      setStatus('live');
      setError(undefined);
    });
    source.addEventListener('messages', (event) => {
      const parsed = tailEventSchema.safeParse(JSON.parse((event as MessageEvent<string>).data));
      if (!parsed.success) return;
      const incoming = [...parsed.data.messages].reverse();
      if (parsed.data.skipped > 0) setSkipped((count) => count + parsed.data.skipped);
      if (pausedRef.current) {
        const overflow = Math.max(0, pending.current.length + incoming.length - max);
        pending.current = [...incoming, ...pending.current].slice(0, max);
        if (overflow > 0) setSkipped((count) => count + overflow);
        setPendingCount(pending.current.length);
      } else {
        setMessages((current) => [...incoming, ...current].slice(0, max));
      }
    });
    source.addEventListener('tail-error', (event) => {
      setError(String(JSON.parse((event as MessageEvent<string>).data).error ?? 'tail failed'));
      setStatus('error');
    });
    source.onerror = () => setStatus((current) => (current === 'error' ? current : 'connecting'));
    return () => {
      clearTimeout(connecting);
      source.close();
      setStatus('idle');
    };
  }, [cluster, topic, max]);

  const pause = useCallback(() => {
    pausedRef.current = true;
    setPaused(true);
  }, []);
  const resume = useCallback(() => {
    pausedRef.current = false;
    setPaused(false);
    const waiting = pending.current;
    pending.current = [];
    setPendingCount(0);
    setMessages((current) => [...waiting, ...current].slice(0, max));
  }, [max]);
  const clear = useCallback(() => {
    pending.current = [];
    setPendingCount(0);
    setMessages([]);
    setSkipped(0);
  }, []);
  return { status, error, messages, pending: pendingCount, skipped, paused, pause, resume, clear };
}
