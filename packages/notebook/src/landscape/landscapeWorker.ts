/** A map worker: computes pieces of the map of viable texts off the main thread (protocol: workers/workerHost.ts). */
import { hostJobs, type WorkerScope } from '../workers/workerHost.js';
import { landscapeJob } from './landscapeJob.js';
import type { LandscapeJob, LandscapeOutcome } from './landscapeProtocol.js';

hostJobs(self as unknown as WorkerScope<LandscapeJob, LandscapeOutcome>, landscapeJob, 'the map');
