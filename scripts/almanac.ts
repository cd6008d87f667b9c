#!/usr/bin/env -S node --experimental-strip-types --disable-warning=ExperimentalWarning
// The `almanac` command: a thin entry point; every command lives in src/cli/.
import { main } from '../src/cli/main.ts';

process.exitCode = await main(process.argv.slice(2));
