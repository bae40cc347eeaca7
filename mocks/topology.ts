/**
 * MSW handlers for the topology page: Tracelens's `/api/topology` and Jaeger's `/api/dependencies`.
 * `topology: null` answers 404 as a plain Jaeger does, so the page falls back to dependencies.
 */
import { http, HttpResponse } from 'msw';

export interface TopologyMockNode {
  service: string;
  callsPerSecond: number;
  errorRate: number;
  p95Ms: number | null;
}

export interface TopologyMockEdge {
  parent: string;
  child: string;
  callCount: number;
  callsPerSecond: number;
  errorRate: number;
  p95Ms: number | null;
}

export interface TopologyMockOptions {
  topology: { nodes: TopologyMockNode[]; edges: TopologyMockEdge[] } | null;
  dependencies?: { parent: string; child: string; callCount: number }[];
}

export function createTopologyHandlers(options: TopologyMockOptions) {
  return [
    http.get('*/api/topology', () =>
      options.topology === null
        ? new HttpResponse('404 page not found\n', { status: 404 })
        : HttpResponse.json(options.topology),
    ),
    http.get('*/api/dependencies', () =>
      HttpResponse.json({ data: options.dependencies ?? [], total: 0, limit: 0, offset: 0, errors: null }),
    ),
  ];
}

/** frontend → {customer, driver, route}, driver → redis, a self-edge on frontend. */
export const hotrodTopology: { nodes: TopologyMockNode[]; edges: TopologyMockEdge[] } = {
  nodes: [
    { service: 'frontend', callsPerSecond: 1.5, errorRate: 0, p95Ms: 730 },
    { service: 'customer', callsPerSecond: 0.5, errorRate: 0, p95Ms: 310 },
    { service: 'driver', callsPerSecond: 0.5, errorRate: 0.02, p95Ms: 190 },
    { service: 'route', callsPerSecond: 5, errorRate: 0, p95Ms: 48 },
    { service: 'redis', callsPerSecond: 7, errorRate: 0.12, p95Ms: 9 },
  ],
  edges: [
    { parent: 'frontend', child: 'customer', callCount: 30, callsPerSecond: 0.5, errorRate: 0, p95Ms: 310 },
    { parent: 'frontend', child: 'driver', callCount: 30, callsPerSecond: 0.5, errorRate: 0.02, p95Ms: 190 },
    { parent: 'frontend', child: 'route', callCount: 300, callsPerSecond: 5, errorRate: 0, p95Ms: 48 },
    { parent: 'frontend', child: 'frontend', callCount: 30, callsPerSecond: 0.5, errorRate: 0, p95Ms: 700 },
    { parent: 'driver', child: 'redis', callCount: 420, callsPerSecond: 7, errorRate: 0.12, p95Ms: 9 },
  ],
};
