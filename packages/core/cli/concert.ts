#!/usr/bin/env node
/**
 * The `concert` command: `concert run | merge | replay | validate | schema | scenarios | sensitivity |
 * experiment | landscape | compare | backtest | calibrate`. See `concert --help` and
 * packages/core/README.md. In the repository: `pnpm concert <command> ...`.
 */
import { processContext } from './context.js';
import { main, unexpectedErrorText } from './main.js';

// The last resort: an error that escapes `main` (from a callback, a stream, a worker thread) is
// one sentence on stderr and exit status 1, never a stack trace.
const lastResort = (error: unknown) => {
  try {
    process.stderr.write(unexpectedErrorText(process.argv[2], error));
    if (process.env['CONCERT_DEBUG'] === '1') process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  } finally {
    process.exit(1);
  }
};
process.on('uncaughtException', lastResort);
process.on('unhandledRejection', lastResort);

// A reader that stops early (`concert run ... | head`) is not an error; a full disk is a sentence.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`concert: cannot write to standard output (${error.code ?? error.message})\n`);
  process.exit(1);
});

process.exitCode = await main(process.argv.slice(2), processContext());
