import { expect, type Locator, type Page } from '@playwright/test';
import { EMBEDDED_CLUSTER_ID } from '../../lib/server/cluster-registry';

export interface ExpectedBroker {
  cluster: string;
  brokerName: string;
  brokerId: number;
  role: 'master' | 'slave';
  address: string;
  version: string;
}

/** The Cluster page, in the words a user would use. */
export class ClusterPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/cluster');
    await expect(this.page.getByTestId('page-title')).toHaveText('Cluster');
  }

  clusterCard(clusterId: string = EMBEDDED_CLUSTER_ID): Locator {
    return this.page.getByTestId(`cluster-card-${clusterId}`);
  }

  brokerRow(brokerName: string, brokerId = 0, clusterId?: string): Locator {
    return this.clusterCard(clusterId)
      .getByTestId('broker-row')
      .and(this.page.locator(`[data-broker-name="${cssString(brokerName)}"][data-broker-id="${brokerId}"]`));
  }

  /** Waits (through polling) until the broker is listed with exactly these values. */
  async expectBroker(broker: ExpectedBroker, clusterId?: string): Promise<void> {
    const row = this.brokerRow(broker.brokerName, broker.brokerId, clusterId);
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId('broker-cluster')).toHaveText(broker.cluster);
    await expect(row.getByTestId('broker-name')).toHaveText(broker.brokerName);
    await expect(row.getByTestId('broker-id')).toHaveText(String(broker.brokerId));
    await expect(row.getByTestId('broker-role')).toHaveText(broker.role);
    await expect(row.getByTestId('broker-address')).toHaveText(broker.address);
    await expect(row.getByTestId('broker-version')).toHaveText(broker.version);
  }

  async expectBrokerGone(brokerName: string, brokerId = 0, clusterId?: string): Promise<void> {
    await expect(this.brokerRow(brokerName, brokerId, clusterId)).toHaveCount(0);
  }

  /** The embedded broker: a live master of DefaultCluster at its address, answering with our version. */
  async expectEmbeddedBroker(address: string, clusterId?: string): Promise<void> {
    const row = this.clusterCard(clusterId).getByTestId('broker-row').filter({ has: this.page.getByTestId('broker-address').getByText(address, { exact: true }) });
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId('broker-cluster')).toHaveText('DefaultCluster');
    await expect(row.getByTestId('broker-role')).toHaveText('master');
    await expect(row.getByTestId('broker-version')).toHaveText(/^V\d+_\d+_\d+$/);
  }

  async expectError(message: string, clusterId?: string): Promise<void> {
    const card = this.clusterCard(clusterId);
    await expect(card.getByTestId('brokers-error-message')).toHaveText(message);
    await expect(card.getByTestId('broker-row')).toHaveCount(0);
  }
}

function cssString(value: string): string {
  return value.replace(/["\\]/g, '\\$&');
}
