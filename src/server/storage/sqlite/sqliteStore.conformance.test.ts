import { describeTraceStoreConformance } from '../conformance/suite';
import { sqliteHarness, useTempFiles } from './testing';

describeTraceStoreConformance(sqliteHarness(useTempFiles()));
