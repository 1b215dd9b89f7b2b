#!/usr/bin/env node
/**
 * The `concert` command: `concert run | merge | replay | validate | schema`. See `concert --help`
 * and packages/core/README.md. In the repository: `pnpm concert <command> ...`.
 */
import { processContext } from './context.js';
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2), processContext());
