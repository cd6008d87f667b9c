// Command-line dispatch: `almanac <command> [options]`. Options are parsed with node:util.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { LockedError } from '../db/lock.ts';
import { IngestError } from '../ingest/errors.ts';
import { UsageError } from './options.ts';
import { COMMANDS, type Command } from './commands.ts';
import { DEFAULTS } from './defaults.ts';

async function usage(): Promise<string> {
  const commands = await Promise.all(COMMANDS.map((c) => c.load()));
  const lines = [
    'Release Almanac — exports of release, environment and ticketing tools → a static report site.',
    '',
    'Usage: almanac <command> [options]',
    '',
    'Commands:',
    ...commands.flatMap((c) => [`  ${c.usage}`, `      ${c.summary}`]),
    '',
    `Defaults: inputs ${DEFAULTS.exports}/, database ${DEFAULTS.db}, site ${DEFAULTS.out}/.`,
    "Run 'almanac <command> --help' for a command's options.",
  ];
  return lines.join('\n');
}

function commandHelp(c: Command): string {
  const opts = Object.entries(c.options).map(([name, o]) => `  --${name}${o.type === 'string' ? ` ${o.arg ?? 'VALUE'}` : ''}`.padEnd(30) + o.help);
  return [`Usage: almanac ${c.usage}`, '', c.summary, ...(c.details ? ['', c.details] : []), '', 'Options:', ...opts, '  --help'.padEnd(30) + 'show this help'].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(await usage());
    return name ? 0 : 1;
  }
  if (name === '--version') {
    const { TOOL_VERSION } = await import('../version.ts');
    console.log(TOOL_VERSION);
    return 0;
  }
  const command = await COMMANDS.find((c) => c.name === name)?.load();
  if (!command) {
    console.error(`almanac: unknown command ${JSON.stringify(name)}\n\n${await usage()}`);
    return 2;
  }
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    const options: ParseArgsConfig['options'] = { help: { type: 'boolean', short: 'h' } };
    for (const [k, o] of Object.entries(command.options)) options[k] = { type: o.type };
    parsed = parseArgs({ args: rest, options, allowPositionals: command.positionals, strict: true }) as typeof parsed;
  } catch (err) {
    console.error(`almanac ${name}: ${(err as Error).message}\n\n${commandHelp(command)}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(commandHelp(command));
    return 0;
  }
  try {
    return await command.run(parsed.values, parsed.positionals);
  } catch (err) {
    if (err instanceof IngestError || err instanceof LockedError || err instanceof UsageError) {
      console.error(`almanac ${name}: ${(err as Error).message}`);
      return err instanceof UsageError ? 2 : 1;
    }
    console.error(`almanac ${name}: ${(err as Error).message}`);
    if (process.env.ALMANAC_DEBUG) console.error((err as Error).stack);
    return 1;
  }
}
