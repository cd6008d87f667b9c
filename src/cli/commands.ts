// The commands of the contract, with their options. Each `run` returns the exit code.
import { ingestCommand } from './ingest-command.ts';
import { buildCommand } from './build-command.ts';
import { sampleCommand } from './sample-command.ts';
import { scheduleCommand } from './schedule-command.ts';
import { exportCommand } from './export-command.ts';
import { benchCommand } from './bench-command.ts';

export interface OptionSpec {
  type: 'string' | 'boolean';
  arg?: string;
  help: string;
}

export interface Command {
  name: string;
  usage: string;
  summary: string;
  details?: string;
  positionals: boolean;
  options: Record<string, OptionSpec>;
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number>;
}

export const COMMANDS: Command[] = [ingestCommand, buildCommand, sampleCommand, scheduleCommand, exportCommand, benchCommand];
