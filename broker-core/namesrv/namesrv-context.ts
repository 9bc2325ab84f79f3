import type { KvConfigManager } from './kv-config-manager';
import type { NamesrvConfigStore } from './namesrv-config-store';
import type { RouteInfoManager } from './route-info-manager';

/** What the nameserver's request processors work on; built once by the controller. */
export interface NamesrvContext {
  routes: RouteInfoManager;
  kvConfig: KvConfigManager;
  config: NamesrvConfigStore;
}
