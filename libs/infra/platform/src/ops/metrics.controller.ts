import { Controller, Get, Header } from '@nestjs/common';
import { registry } from '@mmt/metrics';

/** `/metrics`: the process's Prometheus metrics, in the text exposition format. */
@Controller('metrics')
export class MetricsController {
  @Get()
  @Header('Content-Type', registry.contentType)
  metrics(): Promise<string> {
    return registry.metrics();
  }
}
