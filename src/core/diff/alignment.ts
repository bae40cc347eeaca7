/**
 * Aligns two traces on their call paths. A span's path is the chain of `service: operation`
 * labels from its root down to it; spans of either trace with the same path land on the same
 * node, however many of them there are (3 retries in A and 5 in B make one node with counts 3
 * and 5). Every step is a loop over the indexes' typed arrays: no recursion, O(n) hashing plus
 * one sort of each node's children.
 */
import { NameInterner } from '../model/nameInterner';
import type { TraceIndex } from '../tree/traceIndex';
import { PairTable } from './pairTable';

/** The aligned tree before ordering: nodes numbered in the order they were first met. */
export interface RawAlignment {
  nodeCount: number;
  /** Parent node of each node; -1 for a root path. */
  parent: Int32Array;
  /** Index into `services` / `operations`. */
  service: Int32Array;
  operation: Int32Array;
  services: string[];
  operations: string[];
  /** Node of each row of A, and of B. */
  rowNodeA: Int32Array;
  rowNodeB: Int32Array;
}

/** A growable pair of parallel Int32 columns, for nodes whose number is unknown up front. */
class NodeColumns {
  parent: Int32Array;
  label: Int32Array;
  length = 0;

  constructor(capacity: number) {
    this.parent = new Int32Array(Math.max(16, capacity));
    this.label = new Int32Array(Math.max(16, capacity));
  }

  push(parent: number, label: number): number {
    if (this.length === this.parent.length) {
      const parentCol = new Int32Array(this.length * 2);
      const labelCol = new Int32Array(this.length * 2);
      parentCol.set(this.parent);
      labelCol.set(this.label);
      this.parent = parentCol;
      this.label = labelCol;
    }
    this.parent[this.length] = parent;
    this.label[this.length] = label;
    return this.length++;
  }
}

export function alignTraces(a: TraceIndex, b: TraceIndex): RawAlignment {
  // Names shared by both traces, so one service has one number in the aligned tree.
  const services = new NameInterner();
  const operations = new NameInterner();
  // A label is one (service, operation) pair across both traces.
  const labelIds = new PairTable();
  const labelService: number[] = [];
  const labelOperation: number[] = [];
  // A node is one (parent node + 1, label) pair.
  // Sized for the worst case (every span its own node) so that it never rehashes.
  const spanCount = a.spans.length + b.spans.length;
  const nodeIds = new PairTable(spanCount);
  const nodes = new NodeColumns(spanCount);

  const alignSide = (index: TraceIndex): Int32Array => {
    const serviceIds = index.services.map((s) => services.idOf(s));
    const operationIds = index.operations.map((o) => operations.idOf(o));
    const rowNode = new Int32Array(index.spans.length);
    // Each side's own (service, operation) numbers map to shared labels through a local cache.
    const localLabel = new PairTable();
    for (let row = 0; row < rowNode.length; row++) {
      let label = localLabel.get(index.service[row], index.operation[row]);
      if (label < 0) {
        const service = serviceIds[index.service[row]];
        const operation = operationIds[index.operation[row]];
        label = labelIds.get(service, operation);
        if (label < 0) {
          label = labelService.length;
          labelIds.add(service, operation, label);
          labelService.push(service);
          labelOperation.push(operation);
        }
        localLabel.add(index.service[row], index.operation[row], label);
      }
      // Display order is pre-order: a parent's node is known before its children are reached.
      const p = index.parent[row];
      const parentNode = p < 0 ? -1 : rowNode[p];
      let node = nodeIds.get(parentNode + 1, label);
      if (node < 0) {
        node = nodes.push(parentNode, label);
        nodeIds.add(parentNode + 1, label, node);
      }
      rowNode[row] = node;
    }
    return rowNode;
  };

  const rowNodeA = alignSide(a);
  const rowNodeB = alignSide(b);
  const nodeCount = nodes.length;
  const service = new Int32Array(nodeCount);
  const operation = new Int32Array(nodeCount);
  for (let node = 0; node < nodeCount; node++) {
    service[node] = labelService[nodes.label[node]];
    operation[node] = labelOperation[nodes.label[node]];
  }
  return {
    nodeCount,
    parent: nodes.parent.slice(0, nodeCount),
    service,
    operation,
    services: services.names,
    operations: operations.names,
    rowNodeA,
    rowNodeB,
  };
}

/**
 * Depth-first pre-order of the aligned nodes, children sorted by `key` (then first-met order),
 * without recursion. Returns the new position of each node and the node at each position.
 */
export function preOrderNodes(
  parent: Int32Array,
  key: Float64Array,
): { order: Int32Array; position: Int32Array } {
  const n = parent.length;
  const counts = new Int32Array(n + 1);
  const roots: number[] = [];
  for (let node = 0; node < n; node++) {
    if (parent[node] < 0) roots.push(node);
    else counts[parent[node] + 1]++;
  }
  const offsets = new Int32Array(n + 1);
  for (let node = 0; node < n; node++) offsets[node + 1] = offsets[node] + counts[node + 1];
  const fill = offsets.slice(0, n);
  const children = new Int32Array(offsets[n]);
  for (let node = 0; node < n; node++) if (parent[node] >= 0) children[fill[parent[node]]++] = node;
  const byKey = (x: number, y: number) => key[x] - key[y] || x - y;
  for (let node = 0; node < n; node++) {
    if (offsets[node + 1] - offsets[node] > 1)
      children.subarray(offsets[node], offsets[node + 1]).sort(byKey);
  }
  roots.sort(byKey);

  const order = new Int32Array(n);
  const position = new Int32Array(n);
  const stack: number[] = [];
  let written = 0;
  for (let r = roots.length - 1; r >= 0; r--) stack.push(roots[r]);
  while (stack.length > 0) {
    const node = stack.pop() as number;
    position[node] = written;
    order[written++] = node;
    for (let c = offsets[node + 1] - 1; c >= offsets[node]; c--) stack.push(children[c]);
  }
  return { order, position };
}
