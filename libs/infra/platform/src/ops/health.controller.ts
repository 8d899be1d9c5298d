import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { Connection } from 'mongoose';
import { consumerStates, outboundStates } from '@mmt/metrics';
import { STORE } from '../platform.tokens';

/** How long the store may take to answer a readiness ping. */
const STORE_PING_TIMEOUT_MS = 2000;

/**
 * `/health/live`: the process is up. `/health/ready` (and `/health`): it can do its work: the store answers a
 * ping and every Kafka consumer of the process has joined its group, is running, and has heard from the broker
 * lately (one that crashed makes the process exit, but until it has, it is not ready), and, in a process that
 * sends e-mail, its SMTP server took the last one tried (`outbound`). 503 with the failing part otherwise.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(STORE) private readonly store: Connection,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get()
  @HealthCheck()
  index() {
    return this.ready();
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    const outbound = outboundStates().size > 0 ? [() => this.outboundWorking()] : [];
    return this.health.check([() => this.storeAnswers(), () => this.consumersRunning(), ...outbound]);
  }

  private async storeAnswers() {
    const check = this.indicators.check('store');
    const started = performance.now();
    try {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${STORE_PING_TIMEOUT_MS} ms`)),
          STORE_PING_TIMEOUT_MS,
        );
      });
      await Promise.race([this.store.db!.admin().ping(), timeout]).finally(() => clearTimeout(timer));
      return check.up({ ms: Math.round(performance.now() - started) });
    } catch (error) {
      return check.down({ error: error instanceof Error ? error.message : String(error) });
    }
  }

  private consumersRunning() {
    const check = this.indicators.check('kafka');
    const states = consumerStates();
    const consumers = Object.fromEntries([...states].map(([group, { detail }]) => [group, detail]));
    const running = [...states.values()].every(({ ready }) => ready);
    return running ? check.up({ consumers }) : check.down({ consumers });
  }

  /** A process that sends e-mail: whether its SMTP server takes them (down while sends fail, with the reason). */
  private outboundWorking() {
    const check = this.indicators.check('outbound');
    const states = outboundStates();
    const details = Object.fromEntries([...states].map(([name, { detail }]) => [name, detail]));
    return [...states.values()].every(({ ready }) => ready) ? check.up(details) : check.down(details);
  }
}
