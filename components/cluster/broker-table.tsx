import { Badge } from '@/components/ui/badge';
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@/components/ui/table';
import type { BrokerRow, BrokerRuntimeState } from '@/lib/validations/cluster';
import { clusterText as text } from './cluster-text';

/** One row per broker address. Everything shown comes from the wire and is rendered as text. */
export function BrokerTable({ brokers }: { brokers: BrokerRow[] }) {
  return (
    <Table data-testid="broker-table">
      <TableHead>
        <tr>
          <TableHeaderCell>{text.columns.cluster}</TableHeaderCell>
          <TableHeaderCell>{text.columns.brokerName}</TableHeaderCell>
          <TableHeaderCell>{text.columns.brokerId}</TableHeaderCell>
          <TableHeaderCell>{text.columns.role}</TableHeaderCell>
          <TableHeaderCell>{text.columns.address}</TableHeaderCell>
          <TableHeaderCell>{text.columns.version}</TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {brokers.map((broker) => (
          <TableRow
            key={`${broker.brokerName}/${broker.brokerId}/${broker.address}`}
            data-testid="broker-row"
            data-broker-name={broker.brokerName}
            data-broker-id={broker.brokerId}
          >
            <TableCell data-testid="broker-cluster">{broker.cluster}</TableCell>
            <TableCell data-testid="broker-name" className="font-medium">
              {broker.brokerName}
            </TableCell>
            <TableCell data-testid="broker-id" className="tabular-nums">
              {broker.brokerId}
            </TableCell>
            <TableCell data-testid="broker-role">
              <Badge tone={broker.role === 'master' ? 'accent' : 'neutral'}>{text.roles[broker.role]}</Badge>
            </TableCell>
            <TableCell data-testid="broker-address" className="font-mono text-xs">
              {broker.address}
            </TableCell>
            <TableCell data-testid="broker-version">
              <RuntimeCell runtime={broker.runtime} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function RuntimeCell({ runtime }: { runtime: BrokerRuntimeState }) {
  switch (runtime.state) {
    case 'ok':
      return <span className="font-mono text-xs">{runtime.version}</span>;
    case 'unreachable':
      return (
        <Badge tone="warning" title={runtime.message}>
          {text.unreachable}
        </Badge>
      );
    case 'error':
      return (
        <Badge tone="danger" title={runtime.message}>
          {text.runtimeError}: {runtime.message}
        </Badge>
      );
  }
}
