/** Messages between the sensitivity section and its worker. Every message carries its job id. */
import type { DiscoveryResult, DiscoverySettings, Problem, Scenario, SobolResult, SobolSettings, TornadoResult, TornadoSettings } from '@concert/core';

/** Page to worker: start an analysis (superseding any older one), or cancel one. */
export type SensitivityRequest =
  | { readonly type: 'tornado'; readonly id: number; readonly scenario: Scenario; readonly settings: TornadoSettings }
  | { readonly type: 'sobol'; readonly id: number; readonly scenario: Scenario; readonly settings: SobolSettings }
  | { readonly type: 'discover'; readonly id: number; readonly scenario: Scenario; readonly settings: DiscoverySettings }
  | { readonly type: 'cancel'; readonly id: number };

/** The result of one analysis. */
export type SensitivityOutcome =
  | { readonly type: 'tornado'; readonly result: TornadoResult }
  | { readonly type: 'sobol'; readonly result: SobolResult }
  | { readonly type: 'discover'; readonly result: DiscoveryResult };

/** Worker to page: progress (a share of the work), the outcome, a cancellation, or problems. */
export type SensitivityResponse =
  | { readonly type: 'progress'; readonly id: number; readonly done: number }
  | { readonly type: 'outcome'; readonly id: number; readonly outcome: SensitivityOutcome; readonly workerMs: number }
  | { readonly type: 'cancelled'; readonly id: number }
  | { readonly type: 'error'; readonly id: number; readonly problems: readonly Problem[] };
