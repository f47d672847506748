/** The clips' long work as jobs: propagation and export, each with progress events and a cancel. */
import type { ExportRequest, JobEvent } from '../../shared/api';
import type { PropagateRequest } from '../../shared/engine';
import type { OpenClips } from './clip/open-clips';
import { matteTarget } from './clip/clip-session';
import { exportMediaId, exportQuality, planExport, runExport } from './export-job';
import type { JobRunner } from './jobs';
import { planPropagation, runPropagation } from './propagate-job';

export class JobService {
  constructor(
    private readonly clips: OpenClips,
    /** The running jobs, shared with the model manager's downloads. */
    private readonly jobs: JobRunner,
    private readonly emit: (event: JobEvent) => void,
  ) {}

  /** Plans before it starts, so a request that cannot run fails at once; progress counts the frames tracked. */
  propagate(mediaId: string, request: PropagateRequest): { jobId: string } {
    const clip = this.clips.get(mediaId);
    const plan = planPropagation(request, clip.tracks, clip.settings);
    const jobId = this.jobs.start('propagate', mediaId, (signal, id) =>
      runPropagation(plan, clip.tracks, {
        signal,
        onProgress: (done, total) => this.emit({ jobId: id, kind: 'propagate', type: 'progress', done, total }),
        onFrame: (objectId, { frame, score, present }) => this.emit({ jobId: id, kind: 'propagate', type: 'frame', objectId, frame, score, present }),
      }),
    );
    return { jobId };
  }

  exportMatte(request: ExportRequest): { jobId: string } {
    const clip = this.clips.get(exportMediaId(request));
    const objects = clip.tracks.sorted();
    const plan = planExport(request, { info: clip.info, settings: clip.settings, objects });
    // The head and each object's controls as they are now: edits while it runs do not change it halfway.
    const choice = { head: clip.settings.head, quality: exportQuality(request) };
    const targets = new Map(objects.map((o) => [o.objectId, matteTarget(o)]));
    const jobId = this.jobs.start('export', clip.id, (signal, id) =>
      runExport(plan, {
        info: clip.info,
        engine: clip.engine,
        targets,
        choice,
        signal,
        onProgress: (done, total) => this.emit({ jobId: id, kind: 'export', type: 'progress', done, total }),
      }),
    );
    return { jobId };
  }

  cancel(jobId: string): void {
    this.jobs.cancel(jobId);
  }
}
