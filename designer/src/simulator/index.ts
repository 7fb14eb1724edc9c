/** The test-call simulator panel: test calls on the real interpreter, saved scenarios, and the path on the canvas. */
export { SimulatorPanel, type SimulatorPanelProps } from './SimulatorPanel';
export { pathHighlights } from './highlights';
export { transcriptLines, type TranscriptLine } from './transcript-lines';
export { FlowSimulator, type FlowSimulatorProps } from './FlowSimulator';
