/** The comparison worker: paired comparisons against the pinned baseline, off the main thread (protocol: workerHost.ts). */
import type { ComparisonResult } from '@concert/core';
import { compareJob, type CompareJob } from './compareJob.js';
import { hostJobs, type WorkerScope } from './workerHost.js';

hostJobs(self as unknown as WorkerScope<CompareJob, ComparisonResult>, compareJob, 'the comparison');
