/** The run worker: runs the core off the main thread, so the page never freezes (protocol: workerHost.ts). */
import type { SimulationResult } from '@concert/core';
import { runJob, type RunJob } from './runJob.js';
import { hostJobs, type WorkerScope } from './workerHost.js';

hostJobs(self as unknown as WorkerScope<RunJob, SimulationResult>, runJob, 'the run');
