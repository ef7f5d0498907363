import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, ServiceConfig } from '@gt-vision/backend-config';
import { trace } from '@opentelemetry/api';
import { LoggerModule } from 'nestjs-pino';
import { redactUrl } from './redact-url';
import { activeRequestId, requestIdOf } from './request-id';

/** Paths polled by probes and scrapers; logging each poll would drown the useful lines. */
const QUIET_PATHS = ['/health/live', '/health/ready', '/metrics'];

/** Credentials that must never reach a log line, whatever the level. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
];

/**
 * JSON logs on stdout, one line per request with its id; every line caused by a request (here or in the
 * service that consumed a message it sent) carries `requestId`, and the trace id when a span is active.
 */
@Module({})
export class LoggingModule {
  static forRoot(service: string): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          imports: [ConfigModule.forFeature(ServiceConfig)],
          inject: [ServiceConfig],
          useFactory: (config: ServiceConfig) => ({
            pinoHttp: {
              level: config.LOG_LEVEL,
              base: { service },
              messageKey: 'message',
              timestamp: () => `,"time":"${new Date().toISOString()}"`,
              formatters: { level: (label: string) => ({ level: label }) },
              genReqId: requestIdOf,
              redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
              autoLogging: { ignore: (req) => QUIET_PATHS.includes(req.url?.split('?')[0] ?? '') },
              mixin: () => {
                const span = trace.getActiveSpan()?.spanContext();
                const requestId = activeRequestId();
                return {
                  ...(requestId && { requestId }),
                  ...(span && { traceId: span.traceId, spanId: span.spanId }),
                };
              },
              serializers: {
                req: (req: { id: string; method: string; url: string }) => ({
                  id: req.id,
                  method: req.method,
                  url: redactUrl(req.url),
                }),
                res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
              },
            },
          }),
        }),
      ],
    };
  }
}
