/** `tracelens`: runs the all-in-one until SIGINT/SIGTERM; `tracelens demo …` sends demo traffic anywhere. */
import { ConfigError, helpText, loadConfig } from './config';
import { startAllInOne, type Logger } from './allInOne';
import { runDemoCommand } from '../demo/cli';
import { startDemoTraffic } from '../demo/traffic';
import { createRemoteSampling } from '../demo/remoteSampling';
import { securityNotice } from './security/startupNotice';

/** Requests per second of the built-in demo: enough to look alive, little enough to read. */
const DEMO_RATE = 2;

// A closed terminal or pipe must not take the server down with EPIPE on the next log line.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});

const log: Logger = {
  info: (m) => console.log(m),
  error: (m) => console.error(m),
};

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'demo') return runDemoCommand(argv.slice(1));
  let parsed;
  try {
    parsed = loadConfig(argv);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`tracelens: ${err.message}`);
      return 2;
    }
    throw err;
  }
  if (parsed.help) {
    console.log(helpText());
    return 0;
  }
  const { config } = parsed;
  const app = await startAllInOne(config, log);
  log.info(`Tracelens is running (storage: ${config.storage}, max ${config.maxTraces} traces).`);
  log.info(`  UI and query API  ${app.urls.query}/   <- open this in a browser`);
  log.info(`  OTLP/HTTP         ${app.urls.otlpHttp}/v1/traces`);
  log.info(`  OTLP/gRPC         ${app.urls.otlpGrpc}   (TraceService/Export, gzip accepted)`);
  log.info(`  Zipkin            ${app.urls.zipkin}/api/v2/spans   (Zipkin v2 JSON)`);
  log.info(`  Remote sampling   ${app.urls.sampling}/sampling?service=<name>   (Jaeger remote sampling)`);
  const access = securityNotice(config);
  for (const line of access.info) log.info(`  ${line}`);
  for (const line of access.warnings) log.error(`  ${line}`);

  // The demo's services ask our own sampling endpoint, so edits on the Sampling page change its traffic live.
  const remoteSampling = config.demo ? createRemoteSampling({ endpoint: app.urls.sampling }) : undefined;
  // The demo exports through the OpenTelemetry SDK, which reads its headers from this variable.
  if (config.demo && config.ingestToken && !process.env.OTEL_EXPORTER_OTLP_TRACES_HEADERS) {
    process.env.OTEL_EXPORTER_OTLP_TRACES_HEADERS = `Authorization=Bearer ${config.ingestToken}`;
  }
  const demo = config.demo
    ? startDemoTraffic({
        target: app.urls.otlpHttp,
        ratePerSecond: DEMO_RATE,
        samplerFor: remoteSampling?.samplerFor,
        log: (m) => log.info(m),
      })
    : undefined;
  log.info(
    demo
      ? `  Demo traffic: a HotROD-style ride-sharing system, ${DEMO_RATE} requests/s (--no-demo turns it off).`
      : '  Demo traffic is off.',
  );

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info(`Received ${signal}; shutting down.`);
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  remoteSampling?.stop();
  await demo?.stop();
  await app.close();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`tracelens: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
