// Types of scripts/cli.mjs, for the TypeScript scripts that import it.
import type { ParseArgsConfig } from 'node:util';

export const EXIT_USAGE: 2;
export function exitUsage(message: string): never;
export function usageError(message: string): never;
type Options = NonNullable<ParseArgsConfig['options']>;
export function parseCommandLine<T extends Options>(config: {
  usage: string;
  options?: T;
  allowPositionals?: boolean;
  args?: string[];
}): { values: { [K in keyof T]?: T[K]['type'] extends 'boolean' ? boolean : string } & { help?: boolean }; positionals: string[] };
export function usageText(text: {
  synopsis: string[];
  description: string;
  options?: Array<[string, string]>;
  environment?: Array<[string, string]>;
  examples?: string[];
}): string;
export const DATABASE_URL_HELP: [string, string];
