#!/usr/bin/env node
// `partner-events emulate [cdktf.out]`: starts the local partner namespace emulator for a synthesized app, prints
// each namespace's endpoint and local keys, and stops cleanly on SIGINT/SIGTERM.
import * as path from 'path';
import { EmulatorHandle, EmulatorOptions } from './api';
import { topicIdOf } from './model-file';
import { startEmulator } from './server';

export const DEFAULT_PORT = 4711;

const USAGE = `Usage: partner-events emulate [cdktf.out] [options]

Starts a local partner namespace for every partner namespace of a synthesized app (the folder that
\`npm run synth\` or \`cdktf synth\` writes): publish endpoints, routing, partner topic activation and delivery to
webhook subscriptions, configured from the partner-events.model.json files beside each stack.

Options:
  --port <n>                 port of the publish and admin endpoints (default ${DEFAULT_PORT}; 0: any free port)
  --host <address>           address to listen on (default 127.0.0.1)
  --webhook <key>=<url>      deliver a webhook subscription to a local URL; <key> is a subscription name,
                             <topic>/<subscription>, a construct path, or an origin of the model's URLs
                             (https://tickets.contoso.example=http://127.0.0.1:3000). Repeatable.
  --allow-remote-webhooks    also call webhook URLs that are not on this machine
  --key <namespace>=<key1>[,<key2>]  fixed keys for a namespace (default: new random keys). Repeatable.
  --dead-letter-dir <dir>    where dead-lettered events are written (default .partner-events/dead-letters)
  --time-scale <x>           multiply Event Grid's retry and dead-letter durations (0.001: seconds become ms)
  --no-webhook-validation    skip the CloudEvents webhook validation handshake (OPTIONS)
  --strict-source            refuse events whose source is not a URI-reference
  -h, --help                 show this help
`;

/** Where the command writes. */
export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** Parses the command line into emulator options (throws with a message on bad input). */
export function parseArgs(argv: string[]): { help: boolean; options: EmulatorOptions & { outdir: string } } {
  const args = [...argv];
  if (args[0] === 'emulate') {
    args.shift();
  } else if (args.length > 0 && !args[0].startsWith('-')) {
    throw new Error(`unknown command ${args[0]}: the command is emulate`);
  }
  let outdir: string | undefined;
  let port = DEFAULT_PORT;
  let host: string | undefined;
  let deadLetterDir: string | undefined;
  let timeScale: number | undefined;
  let allowRemoteWebhooks = false;
  let webhookValidation = true;
  let strictSource = false;
  let help = false;
  const webhooks: { [key: string]: string } = {};
  const keys: { [ns: string]: { key1: string; key2?: string } } = {};
  const value = (flag: string): string => {
    const v = args.shift();
    if (v === undefined || v.startsWith('--')) {
      throw new Error(`${flag} needs a value`);
    }
    return v;
  };
  const pair = (flag: string, text: string): [string, string] => {
    const at = text.lastIndexOf('=');
    if (at <= 0 || at === text.length - 1) {
      throw new Error(`${flag} takes <key>=<value> (got ${text})`);
    }
    return [text.slice(0, at), text.slice(at + 1)];
  };
  while (args.length > 0) {
    const arg = args.shift()!;
    switch (arg) {
      case '-h':
      case '--help':
        help = true;
        break;
      case '--port':
        port = Number(value(arg));
        if (!Number.isInteger(port) || port < 0 || port > 65535) {
          throw new Error(`--port takes a port number from 0 to 65535 (got ${port})`);
        }
        break;
      case '--host':
        host = value(arg);
        break;
      case '--webhook': {
        const [k, v] = pair(arg, value(arg));
        new URL(v);
        webhooks[k] = v;
        break;
      }
      case '--key': {
        const [ns, v] = pair(arg, value(arg));
        const [key1, key2] = v.split(',');
        keys[ns] = { key1, key2 };
        break;
      }
      case '--dead-letter-dir':
        deadLetterDir = value(arg);
        break;
      case '--time-scale':
        timeScale = Number(value(arg));
        if (!(timeScale > 0)) {
          throw new Error(`--time-scale takes a positive number (got ${timeScale})`);
        }
        break;
      case '--allow-remote-webhooks':
        allowRemoteWebhooks = true;
        break;
      case '--no-webhook-validation':
        webhookValidation = false;
        break;
      case '--strict-source':
        strictSource = true;
        break;
      default:
        if (arg.startsWith('-')) {
          throw new Error(`unknown option ${arg}`);
        }
        if (outdir !== undefined) {
          throw new Error(`one output folder only (got ${outdir} and ${arg})`);
        }
        outdir = arg;
    }
  }
  return {
    help,
    options: {
      outdir: outdir ?? 'cdktf.out',
      port,
      host,
      webhooks,
      keys,
      deadLetterDir,
      timing: timeScale !== undefined ? { timeScale } : undefined,
      allowRemoteWebhooks,
      webhookValidation,
      strictSource,
    },
  };
}

/** What the command prints once the emulator listens. */
export function describe(handle: EmulatorHandle, outdir: string): string[] {
  const lines: string[] = [];
  lines.push(`Partner Events local emulator: ${handle.namespaces.length} partner namespace(s) from ${outdir}`);
  for (const ns of handle.namespaces) {
    lines.push('');
    lines.push(`Namespace ${ns.name} (${ns.location ?? 'region unknown'}, routes by ${ns.routingMode === 'ChannelNameHeader' ? 'the aeg-channel-name header' : 'the event source'})`);
    lines.push(`  POST ${ns.endpoint}?api-version=2018-01-01`);
    lines.push(`  aeg-sas-key key1: ${ns.keys.key1}`);
    lines.push(`  aeg-sas-key key2: ${ns.keys.key2}`);
    if (!ns.localAuthEnabled) {
      lines.push('  (local authentication is disabled in the model: keys and SAS tokens are refused, as in Azure)');
    }
    for (const c of ns.channels) {
      const via = c.kind === 'Channel' ? `aeg-channel-name: ${c.name}` : `source ${JSON.stringify(c.source)}`;
      lines.push(`  ${c.kind === 'Channel' ? 'channel' : 'event channel'} ${c.name} (${via}) -> partner topic ${c.partnerTopicId ?? '(unknown at synth)'}`);
    }
  }
  const topics = handle.topics();
  const stats = handle.stats();
  if (topics.length > 0) {
    lines.push('');
    lines.push('Partner topics:');
    for (const t of topics) {
      lines.push(`  ${t.id}: ${t.activationState}`);
      for (const sub of t.subscriptions) {
        const s = stats.subscriptions[sub];
        lines.push(`    subscription ${s.name} (${s.endpointType})${s.notDeliveredReason ? `: not delivered locally — ${s.notDeliveredReason}` : ''}`);
      }
    }
  }
  const pending = topics.filter((t) => t.activationState !== 'Activated');
  lines.push('');
  lines.push(`Admin (header x-emulator-admin-key: ${handle.adminKey}):`);
  lines.push(`  GET  ${handle.url}/_emulator/stats`);
  if (pending.length > 0) {
    const t = pending[0];
    const ref = t.id.split('/');
    lines.push(`  POST ${handle.url}/_emulator/activate?topic=${encodeURIComponent(`${ref[2]}/${ref[4]}/${ref[8]}`)}   (activates ${topicIdOf({ subscriptionId: ref[2], resourceGroupName: ref[4], name: ref[8] })}: events for a pending topic are not delivered)`);
  }
  lines.push(`Dead letters: ${handle.deadLetterDir}`);
  lines.push('Ctrl-C stops the emulator.');
  return lines;
}

/** Runs the command; resolves with the running emulator (the caller owns signals). */
export async function runCli(argv: string[], io: CliIo): Promise<EmulatorHandle | undefined> {
  const { help, options } = parseArgs(argv);
  if (help) {
    io.out(USAGE);
    return undefined;
  }
  const handle = await startEmulator({
    ...options,
    logger: (level, message) => (level === 'warn' ? io.err(`[emulator] warning: ${message}`) : io.out(`[emulator] ${message}`)),
  });
  for (const line of describe(handle, path.resolve(options.outdir))) {
    io.out(line);
  }
  return handle;
}

/** The `partner-events` bin. */
export function main(argv: string[] = process.argv.slice(2)): void {
  const io: CliIo = { out: (l) => console.log(l), err: (l) => console.error(l) };
  runCli(argv, io).then((handle) => {
    if (!handle) {
      return;
    }
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) {
        return;
      }
      stopping = true;
      io.out(`${signal}: stopping the emulator`);
      const stats = handle.stats();
      for (const [p, s] of Object.entries(stats.subscriptions)) {
        io.out(`  ${s.name} (${p}): ${s.matched} matched, ${s.delivered} delivered, ${s.deadLettered} dead-lettered, ${s.dropped} dropped, ${s.notDeliveredLocally} not delivered locally, ${s.pending} pending`);
      }
      handle.stop().then(() => process.exit(0), () => process.exit(1));
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
  }, (e: Error) => {
    io.err(`partner-events: ${e.message}`);
    io.err('Run partner-events emulate --help for usage.');
    process.exitCode = 2;
  });
}

if (require.main === module) {
  main();
}
