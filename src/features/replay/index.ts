// The replay's public face: the engine (pure), the banner and scrubber, and the wall's way in
// (src/app runs them).
export { incidentAt, replayStateAt, replayStepKey, type ReplayState } from './replayEngine';
export {
  ReplayBar,
  ReplayContext,
  ReplayOpen,
  REPLAY_SPEEDS,
  type ReplayControls,
  type ReplaySpeed,
  type ReplayView,
} from './ReplayBar';
