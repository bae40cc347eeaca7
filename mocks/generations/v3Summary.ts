/**
 * api_v3.TraceSummary as Jaeger's querysvc computes it and gogo jsonpb writes it: the mocks use
 * the same function as the server, so the two cannot drift apart.
 */
export { summarizeV3 as v3SummaryJson } from '../../src/core/trace/v3Summary';
