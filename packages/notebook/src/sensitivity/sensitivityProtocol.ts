/** The jobs of the sensitivity worker and their outcomes (the messages around them: workers/jobProtocol.ts). */
import type { DiscoveryResult, DiscoverySettings, Scenario, SobolResult, SobolSettings, TornadoResult, TornadoSettings } from '@concert/core';

/** An analysis to run. */
export type SensitivityJob =
  | { readonly type: 'tornado'; readonly scenario: Scenario; readonly settings: TornadoSettings }
  | { readonly type: 'sobol'; readonly scenario: Scenario; readonly settings: SobolSettings }
  | { readonly type: 'discover'; readonly scenario: Scenario; readonly settings: DiscoverySettings };

/** The result of one analysis. */
export type SensitivityOutcome =
  | { readonly type: 'tornado'; readonly result: TornadoResult }
  | { readonly type: 'sobol'; readonly result: SobolResult }
  | { readonly type: 'discover'; readonly result: DiscoveryResult };
