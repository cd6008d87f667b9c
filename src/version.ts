// The tool's version, as package.json states it (recorded with every ingest run).
import fs from 'node:fs';

export const TOOL_VERSION: string = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
