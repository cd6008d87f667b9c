// Runs one Astro build in a process of its own (started by astro-build.ts): Astro keeps page modules
// and their static paths cached per process, so a second build in the same process would render the
// first one's pages. Arguments: a JSON object { root, outDir, cacheDir, reportFile }.
import { build } from 'astro';
import { stopWithParent } from './node-child.ts';
import { renderChartsAhead } from './charts-ahead.ts';

const { root, outDir, cacheDir, reportFile } = JSON.parse(process.argv[2] ?? '{}') as { root: string; outDir: string; cacheDir: string; reportFile: string };
stopWithParent();
process.env.ALMANAC_REPORT = reportFile;
// A report build never phones home.
process.env.ASTRO_TELEMETRY_DISABLED = '1';
renderChartsAhead(reportFile);
await build({ root, outDir, cacheDir, logLevel: 'warn', mode: 'production' });
