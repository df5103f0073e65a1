// What src/app composes the stage from: the city's stage file, what is on show, and the tour's parts.
export {
  parseStage,
  type Scene,
  type StageFigure,
  type StageProfile,
  type StageVocabulary,
  type TourStep,
} from './script';
export { loadStage, STAGE_URL, useStage, type StageLoad } from './loadStage';
export { stageSlice, selectStage, programStarted, isHeld } from './stageSlice';
export { useProgramClock } from './useProgram';
export { useHoldOnInput, useTourControls, TOUR_STORAGE_KEY } from './useTourControls';
export { StageProblem, TourOverlay, captionLangFromSearch, type CaptionLang } from './TourOverlay';
