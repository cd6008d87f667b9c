// Every adapter the ingest knows, in the order detection ties are settled.
import type { Adapter } from '../adapter.ts';
import { canonicalCsv } from './canonical-csv.ts';

export const ADAPTERS: readonly Adapter[] = [canonicalCsv];
