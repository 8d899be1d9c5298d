import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Header, UseInterceptors } from '@nestjs/common';
import { ApiVersionInterceptor } from './api-version.interceptor';

/** The OpenAPI document of the partner API, served at /v2/openapi.yaml and checked against it by the tests. */
export const OPENAPI_FILE = join(__dirname, 'tnt-v2.2.openapi.yaml');

/** `GET /v2/openapi.yaml`: the partner API's contract, without a key (it holds no data). */
@Controller('v2')
@UseInterceptors(ApiVersionInterceptor)
export class OpenApiController {
  private readonly document = readFileSync(OPENAPI_FILE, 'utf8');

  @Get('openapi.yaml')
  @Header('Content-Type', 'application/yaml; charset=utf-8')
  openapi(): string {
    return this.document;
  }
}
