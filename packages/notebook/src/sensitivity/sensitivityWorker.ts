/** The sensitivity worker: runs tornado, Sobol and discovery analyses off the main thread (protocol: workers/workerHost.ts). */
import { hostJobs, type WorkerScope } from '../workers/workerHost.js';
import { runAnalysis } from './runAnalysis.js';
import type { SensitivityJob, SensitivityOutcome } from './sensitivityProtocol.js';

hostJobs(self as unknown as WorkerScope<SensitivityJob, SensitivityOutcome>, runAnalysis, 'the analysis');
