import { useStudio } from '../shell/StudioProvider';
import { PropagateControls } from './PropagateControls';
import { Timeline } from './Timeline';

/** Under the viewer: the transport and timeline (which follow the playhead themselves) and the propagation. */
export function TimelinePane() {
  const { api, report, media, objects, playback, trackStats, inOut, direction, setDirection, propagate, jobs, retrackMode, setRetrackMode } = useStudio();
  return (
    <section className="bottom-bar">
      {media ? (
        <Timeline
          api={api}
          onError={report}
          objects={objects.objects}
          colorOf={objects.colorOf}
          playback={playback}
          stats={trackStats}
          inOut={inOut.points}
          onInOut={inOut.change}
        />
      ) : (
        <div className="timeline placeholder dim">No clip open</div>
      )}
      <PropagateControls
        direction={direction}
        onDirection={setDirection}
        onPropagate={propagate}
        onCancel={jobs.cancel}
        jobs={jobs.state}
        canPropagate={objects.objects.some((o) => o.promptFrames.length > 0)}
        retrackMode={retrackMode}
        onRetrackMode={setRetrackMode}
      />
    </section>
  );
}
