/** Keyboard commands of the timeline: shuttle, in/out points, doubtful frames. */
import type { FrameStat } from '../../shared/api';
import { nextDoubtful } from './doubtful';
import { markIn, markOut, type InOut } from './inOut';
import type { Shuttle } from './shuttle';

export type TimelineCommand = 'playReverse' | 'stop' | 'playForward' | 'markIn' | 'markOut' | 'clearIn' | 'clearOut' | 'nextDoubtful' | 'previousDoubtful';

export interface TimelineTargets {
  frame: number;
  setFrame: (frame: number) => void;
  shuttle: (direction: Shuttle['direction']) => void;
  inOut: InOut;
  setInOut: (points: InOut) => void;
  stats: readonly FrameStat[];
}

export function runTimelineCommand(command: TimelineCommand, t: TimelineTargets): void {
  switch (command) {
    case 'playReverse':
      return t.shuttle(-1);
    case 'stop':
      return t.shuttle(0);
    case 'playForward':
      return t.shuttle(1);
    case 'markIn':
      return t.setInOut(markIn(t.inOut, t.frame));
    case 'markOut':
      return t.setInOut(markOut(t.inOut, t.frame));
    case 'clearIn':
      return t.setInOut({ ...t.inOut, inPoint: null });
    case 'clearOut':
      return t.setInOut({ ...t.inOut, outPoint: null });
    case 'nextDoubtful':
    case 'previousDoubtful': {
      const target = nextDoubtful(t.stats, t.frame, command === 'nextDoubtful' ? 1 : -1);
      if (target !== null) t.setFrame(target);
    }
  }
}
