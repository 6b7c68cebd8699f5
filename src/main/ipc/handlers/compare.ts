import type { Handlers } from '../../../shared/ipc/contract';
import type { CompareExporter } from '../../compare/compare-export';
import type { CompareService } from '../../compare/compare-service';

/** Two organizations side by side: one-liners over the compare service and its export. */
export function compareHandlers(service: CompareService, exporter: CompareExporter): Handlers['compare'] {
  return {
    run: ({ a, b }, call) => service.compare({ a, b }, call),
    export: (input, call) => exporter.export(input, call),
  };
}
