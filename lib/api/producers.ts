import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { producerConnectionsSchema, producerGroupsSchema } from '../validations/producer';
import { fetchJson } from './fetch-json';
import { withQuery } from './query-string';

/** The Producers API: a producer group's connections on a topic's brokers, and the groups those brokers report. */
export const PRODUCER_REFRESH_MS = 5000;

export const producerApi = {
  connections: (cluster: string, topic: string, group: string) => withQuery('/api/producers', { cluster, topic, group }),
  groups: (cluster: string, topic: string) => withQuery('/api/producers/groups', { cluster, topic }),
};

export const producerKeys = {
  all: (cluster: string) => ['producers', cluster] as const,
  connections: (cluster: string, topic: string, group: string) => [...producerKeys.all(cluster), 'connections', topic, group] as const,
  groups: (cluster: string, topic: string) => [...producerKeys.all(cluster), 'groups', topic] as const,
};

export function useProducerConnections(query: { cluster: string; topic: string; group: string } | undefined) {
  return useQuery({
    queryKey: producerKeys.connections(query?.cluster ?? '', query?.topic ?? '', query?.group ?? ''),
    queryFn: ({ signal }) => fetchJson(producerApi.connections(query!.cluster, query!.topic, query!.group), producerConnectionsSchema, signal),
    enabled: query !== undefined,
    refetchInterval: PRODUCER_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}

export function useProducerGroups(query: { cluster: string; topic: string } | undefined) {
  return useQuery({
    queryKey: producerKeys.groups(query?.cluster ?? '', query?.topic ?? ''),
    queryFn: ({ signal }) => fetchJson(producerApi.groups(query!.cluster, query!.topic), producerGroupsSchema, signal),
    enabled: query !== undefined,
    // Producers come and go like connections do: a group that connects after the search shows up by itself.
    refetchInterval: PRODUCER_REFRESH_MS,
  });
}
