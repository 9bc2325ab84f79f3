import { parseJavaProperties, stringifyJavaProperties } from '../common/java-properties';
import { decodeClusterInfo, type ClusterInfo } from '../protocol/bodies/cluster-info';
import { encodeDataVersion, parseDataVersion, type DataVersion } from '../protocol/bodies/data-version';
import { decodeKVTable } from '../protocol/bodies/kv-table';
import { encodeRegisterBrokerBody, type RegisterBrokerBody } from '../protocol/bodies/register-broker-body';
import { decodeTopicList, type TopicList } from '../protocol/bodies/topic-list';
import { decodeTopicRouteData, type TopicRouteData } from '../protocol/bodies/topic-route-data';
import { javaCrc32 } from '../common/crc32';
import * as kv from '../protocol/headers/namesrv-kv-config';
import * as reg from '../protocol/headers/namesrv-register-broker';
import * as route from '../protocol/headers/namesrv-route';
import * as perm from '../protocol/headers/namesrv-write-perm';
import { RequestCode, requestCodeName } from '../protocol/request-code';
import { ResponseCode } from '../protocol/response-code';
import type { RemotingClient } from '../remoting/remoting-client';
import { createRequest, type RemotingCommand, type RequestOptions } from '../remoting/remoting-command';
import { RemotingError, ResponseCodeError } from '../remoting/remoting-error';
import { NamesrvAddressError, parseNamesrvAddr } from './namesrv-address';

export { NamesrvAddressError, parseNamesrvAddr } from './namesrv-address';

/**
 * Typed client of the nameserver requests (spec/remoting.md §11.5), for the broker, the admin tools and the console.
 *
 * Reads go to one nameserver and fail over to the next on transport errors (refused connection, timeout, closed
 * socket); an answer with an error code is the cluster's answer and is thrown as ResponseCodeError with the server's
 * code and remark. Writes an operator means for the whole cluster (delete topic, KV config, write permission, config
 * update) go to every nameserver, as Java's admin does, and fail if any fails. Registration targets one nameserver:
 * a broker registers with each itself.
 */
export interface NamesrvClientOptions {
  /** Per-request timeout in ms (Java's default 3000). */
  timeoutMs?: number;
}

export interface RegisterBrokerRequest {
  clusterName: string;
  brokerName: string;
  brokerAddr: string;
  /** 0 = master. */
  brokerId: number;
  haServerAddr: string;
  body: RegisterBrokerBody;
  /** Send the deflated binary body (Java `compressedRegister`). */
  compressed?: boolean;
  /** 5.x: ask the nameserver to keep this broker that long without a new registration. */
  heartbeatTimeoutMillis?: number;
}

export interface RegisterBrokerResult {
  /** For a slave: its master's address and HA address, once the master is registered. */
  masterAddr?: string;
  haServerAddr?: string;
  /** The nameserver's ORDER_TOPIC_CONFIG namespace (topic -> "brokerName:queueNums;..."), if any. */
  orderTopicConfig?: Record<string, string>;
}

export interface BrokerIdentity {
  clusterName: string;
  brokerName: string;
  brokerAddr: string;
  brokerId: number;
}

export class NamesrvClient {
  readonly addresses: readonly string[];
  private readonly timeoutMs: number;
  /** Index of the nameserver that answered last; reads start there. */
  private preferred = 0;

  constructor(
    private readonly remoting: RemotingClient,
    addresses: string[],
    options: NamesrvClientOptions = {},
  ) {
    if (addresses.length === 0) throw new NamesrvAddressError('no nameserver address given');
    this.addresses = addresses.flatMap((address) => parseNamesrvAddr(address));
    this.timeoutMs = options.timeoutMs ?? 3000;
  }

  async getBrokerClusterInfo(): Promise<ClusterInfo> {
    const response = await this.read(RequestCode.GET_BROKER_CLUSTER_INFO, {});
    return decodeClusterInfo(response.body ?? Buffer.alloc(0));
  }

  /** The topic's route, or undefined when no nameserver knows it (TOPIC_NOT_EXIST). Asks for standard JSON. */
  async getTopicRouteInfo(topic: string): Promise<TopicRouteData | undefined> {
    const extFields = route.GetRouteInfoRequestHeader.encode({ topic, acceptStandardJsonOnly: true });
    const response = await this.read(RequestCode.GET_ROUTEINFO_BY_TOPIC, { extFields }, [ResponseCode.TOPIC_NOT_EXIST]);
    if (response.code === ResponseCode.TOPIC_NOT_EXIST) return undefined;
    return decodeTopicRouteData(response.body ?? Buffer.alloc(0));
  }

  async getAllTopicList(): Promise<TopicList> {
    const response = await this.read(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER, {});
    return decodeTopicList(response.body ?? Buffer.alloc(0));
  }

  async getTopicsByCluster(cluster: string): Promise<TopicList> {
    const extFields = route.GetTopicsByClusterRequestHeader.encode({ cluster });
    const response = await this.read(RequestCode.GET_TOPICS_BY_CLUSTER, { extFields });
    return decodeTopicList(response.body ?? Buffer.alloc(0));
  }

  async getSystemTopicList(): Promise<TopicList> {
    const response = await this.read(RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_NS, {});
    return decodeTopicList(response.body ?? Buffer.alloc(0));
  }

  /** Removes the topic's route from every nameserver (only that cluster's brokers when clusterName is given). */
  async deleteTopicInNamesrv(topic: string, clusterName?: string): Promise<void> {
    const extFields = route.DeleteTopicFromNamesrvRequestHeader.encode({ topic, clusterName });
    await this.writeAll(RequestCode.DELETE_TOPIC_IN_NAMESRV, { extFields });
  }

  async putKvConfig(namespace: string, key: string, value: string): Promise<void> {
    const extFields = kv.PutKVConfigRequestHeader.encode({ namespace, key, value });
    await this.writeAll(RequestCode.PUT_KV_CONFIG, { extFields });
  }

  /** The value, or undefined when absent (QUERY_NOT_FOUND). */
  async getKvConfig(namespace: string, key: string): Promise<string | undefined> {
    const extFields = kv.GetKVConfigRequestHeader.encode({ namespace, key });
    const response = await this.read(RequestCode.GET_KV_CONFIG, { extFields }, [ResponseCode.QUERY_NOT_FOUND]);
    if (response.code === ResponseCode.QUERY_NOT_FOUND) return undefined;
    return kv.GetKVConfigResponseHeader.decode(response.extFields).value;
  }

  async deleteKvConfig(namespace: string, key: string): Promise<void> {
    const extFields = kv.DeleteKVConfigRequestHeader.encode({ namespace, key });
    await this.writeAll(RequestCode.DELETE_KV_CONFIG, { extFields });
  }

  /** Every entry of the namespace, or undefined when the namespace does not exist (QUERY_NOT_FOUND). */
  async getKvListByNamespace(namespace: string): Promise<Record<string, string> | undefined> {
    const extFields = kv.GetKVListByNamespaceRequestHeader.encode({ namespace });
    const response = await this.read(RequestCode.GET_KVLIST_BY_NAMESPACE, { extFields }, [
      ResponseCode.QUERY_NOT_FOUND,
    ]);
    if (response.code === ResponseCode.QUERY_NOT_FOUND) return undefined;
    return decodeKVTable(response.body ?? Buffer.alloc(0)).table;
  }

  /** REGISTER_BROKER to one nameserver; the body's CRC32 goes in the header so the nameserver can check it. */
  async registerBroker(
    address: string,
    request: RegisterBrokerRequest,
    timeoutMs = this.timeoutMs,
  ): Promise<RegisterBrokerResult> {
    const body = encodeRegisterBrokerBody(request.body, request.compressed === true);
    const extFields = reg.RegisterBrokerRequestHeader.encode({
      brokerName: request.brokerName,
      brokerAddr: request.brokerAddr,
      clusterName: request.clusterName,
      haServerAddr: request.haServerAddr,
      brokerId: request.brokerId,
      compressed: request.compressed === true,
      bodyCrc32: javaCrc32(body),
      heartbeatTimeoutMillis: request.heartbeatTimeoutMillis,
    });
    const response = await this.one(address, RequestCode.REGISTER_BROKER, { extFields, body }, timeoutMs);
    const header = reg.RegisterBrokerResponseHeader.decode(response.extFields);
    const result: RegisterBrokerResult = {};
    if (header.masterAddr) result.masterAddr = header.masterAddr;
    if (header.haServerAddr) result.haServerAddr = header.haServerAddr;
    if (response.body && response.body.length > 0) result.orderTopicConfig = decodeKVTable(response.body).table;
    return result;
  }

  async unregisterBroker(address: string, broker: BrokerIdentity, timeoutMs = this.timeoutMs): Promise<void> {
    const extFields = reg.UnregisterBrokerRequestHeader.encode(broker);
    await this.one(address, RequestCode.UNREGISTER_BROKER, { extFields }, timeoutMs);
  }

  /** QUERY_DATA_VERSION: whether the nameserver's copy of the broker's topic table is older than `dataVersion`. */
  async queryDataVersion(
    address: string,
    broker: BrokerIdentity,
    dataVersion: DataVersion,
  ): Promise<{ changed: boolean; namesrvDataVersion?: DataVersion }> {
    const extFields = reg.QueryDataVersionRequestHeader.encode(broker);
    const response = await this.one(address, RequestCode.QUERY_DATA_VERSION, {
      extFields,
      body: encodeDataVersion(dataVersion),
    });
    const { changed } = reg.QueryDataVersionResponseHeader.decode(response.extFields);
    return response.body && response.body.length > 0
      ? { changed, namesrvDataVersion: parseDataVersion(response.body) }
      : { changed };
  }

  /** Clears the write permission of the broker's topics on every nameserver; returns topic counts per nameserver. */
  async wipeWritePermOfBroker(brokerName: string): Promise<Record<string, number>> {
    const responses = await this.writeAll(RequestCode.WIPE_WRITE_PERM_OF_BROKER, {
      extFields: perm.WipeWritePermOfBrokerRequestHeader.encode({ brokerName }),
    });
    return mapValues(
      responses,
      (response) => perm.WipeWritePermOfBrokerResponseHeader.decode(response.extFields).wipeTopicCount,
    );
  }

  async addWritePermOfBroker(brokerName: string): Promise<Record<string, number>> {
    const responses = await this.writeAll(RequestCode.ADD_WRITE_PERM_OF_BROKER, {
      extFields: perm.AddWritePermOfBrokerRequestHeader.encode({ brokerName }),
    });
    return mapValues(
      responses,
      (response) => perm.AddWritePermOfBrokerResponseHeader.decode(response.extFields).addTopicCount,
    );
  }

  /** Each nameserver's configuration (address -> key -> value). */
  async getNamesrvConfig(): Promise<Record<string, Record<string, string>>> {
    const responses = await this.writeAll(RequestCode.GET_NAMESRV_CONFIG, {});
    return mapValues(responses, (response) =>
      Object.fromEntries(parseJavaProperties(response.body?.toString('utf8') ?? '')),
    );
  }

  async updateNamesrvConfig(properties: Record<string, string>): Promise<void> {
    const body = Buffer.from(stringifyJavaProperties(Object.entries(properties)), 'utf8');
    await this.writeAll(RequestCode.UPDATE_NAMESRV_CONFIG, { body });
  }

  /** One nameserver after another from the preferred one, moving on only when a nameserver cannot be reached. */
  private async read(code: number, options: RequestOptions, accepted: number[] = []): Promise<RemotingCommand> {
    let lastError: unknown;
    for (let i = 0; i < this.addresses.length; i++) {
      const index = (this.preferred + i) % this.addresses.length;
      try {
        const response = await this.remoting.invoke(
          this.addresses[index],
          createRequest(code, options),
          this.timeoutMs,
        );
        this.preferred = index;
        return checkResponse(response, code, this.addresses[index], accepted);
      } catch (error) {
        if (!(error instanceof RemotingError)) throw error;
        lastError = error;
      }
    }
    throw lastError;
  }

  private async one(address: string, code: number, options: RequestOptions, timeoutMs = this.timeoutMs) {
    return checkResponse(await this.remoting.invoke(address, createRequest(code, options), timeoutMs), code, address);
  }

  /** Sends to every nameserver in parallel; throws the first failure once all have answered. */
  private async writeAll(code: number, options: RequestOptions): Promise<Record<string, RemotingCommand>> {
    const results = await Promise.allSettled(this.addresses.map((address) => this.one(address, code, options)));
    const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;
    return Object.fromEntries(
      this.addresses.map((address, i) => [address, (results[i] as PromiseFulfilledResult<RemotingCommand>).value]),
    );
  }
}

/** Passes a SUCCESS (or an expected code); anything else becomes ResponseCodeError with the server's code and remark. */
function checkResponse(response: RemotingCommand, code: number, address: string, accepted: number[] = []) {
  if (response.code === ResponseCode.SUCCESS || accepted.includes(response.code)) return response;
  throw new ResponseCodeError(response.code, response.remark, `${requestCodeName(code)} to ${address}`);
}

function mapValues<T>(
  record: Record<string, RemotingCommand>,
  map: (response: RemotingCommand) => T,
): Record<string, T> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]));
}
