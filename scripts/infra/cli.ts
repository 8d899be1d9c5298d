import { down, install, status, up, wipe } from './infra';

const USAGE = `usage: infra <command>
  install        fetch the Kafka jars, build the store and install Chromium for the browser tests (first run only)
  up             start the local Kafka and store unless KAFKA_BROKERS / MONGODB_URI point elsewhere
  status         say what runs and whether it answers (exit 1 when something does not)
  down [--wipe]  stop the local servers that this project started; --wipe then deletes their data
  wipe           delete the local data (servers must be down)`;

async function main(args: readonly string[]): Promise<number> {
  switch (args[0]) {
    case 'install':
      install();
      return 0;
    case 'up':
      await up();
      return 0;
    case 'status':
      return (await status()) ? 0 : 1;
    case 'down':
      await down();
      if (args.includes('--wipe')) {
        wipe();
      }
      return 0;
    case 'wipe':
      wipe();
      return 0;
    default:
      console.error(USAGE);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`infra: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
