// Test helper: a FileContext on an in-memory database, for exercising staging and mapping directly.
import { openDb, type Db } from '../../src/db/duckdb.ts';
import { schemaDdl } from '../../src/db/schema.ts';
import { ConfigSchema } from '../../src/ingest/config.ts';
import { createStaging } from '../../src/ingest/finalize.ts';
import { createProgress } from '../../src/ingest/progress.ts';
import type { FileContext, Warning } from '../../src/ingest/context.ts';
import { tempDir } from './ingest.ts';

export interface TestContext extends FileContext {
  warnings: Warning[];
}

export async function memoryDb(): Promise<Db> {
  const db = await openDb(':memory:');
  for (const ddl of schemaDdl()) await db.run(ddl);
  await createStaging(db);
  return db;
}

let counter = 0;

export function fileContext(db: Db, file: string, adapter = 'test'): TestContext {
  const warnings: Warning[] = [];
  return {
    db, config: ConfigSchema.parse({}), rule: null, file, path: file, adapter, fileOrder: 0, tmpDir: tempDir(),
    progress: createProgress(process.stderr, true),
    tempName: (p) => `tt_${p}_${counter++}`,
    warn: (code, message, count = 1) => warnings.push({ path: file, code, message, count }),
    warnings,
  };
}
