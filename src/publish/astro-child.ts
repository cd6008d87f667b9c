// Runs one Astro build in a process of its own (started by astro-build.ts): Astro keeps page modules
// and their static paths cached per process, so a second build in the same process would render the
// first one's pages. Arguments: a JSON object { root, outDir, cacheDir, reportFile }.
import { build } from 'astro';

const { root, outDir, cacheDir, reportFile } = JSON.parse(process.argv[2] ?? '{}') as Record<string, string>;
// Stdin ends when the parent dies, even killed: stop then, rather than finish a site nobody will
// publish (the next build removes what this one wrote).
process.stdin.on('end', () => process.exit(1)).resume().unref();
process.env.ALMANAC_REPORT = reportFile;
// A report build never phones home.
process.env.ASTRO_TELEMETRY_DISABLED = '1';
await build({ root, outDir, cacheDir, logLevel: 'warn', mode: 'production' });
