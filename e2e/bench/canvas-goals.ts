/** The gestures the canvas benchmark plays, and the goals of issue 14 it prints beside them. */
export const GESTURES = ['drag', 'pan', 'zoom', 'typing', 'fit'] as const;
export type Gesture = (typeof GESTURES)[number];

/** One gesture's figures (medians over the runs when aggregated). Times in ms. */
export interface GestureFigures {
  /** Interval between animation frames during the gesture. */
  frameMedian: number;
  frameP95: number;
  frameMax: number;
  /** Tasks over 50 ms during the gesture, and the longest one. */
  longTasks: number;
  longestTask: number;
  /** Main-thread time per input event (pointer move, wheel notch, key): its handlers and the render they cause; median and p95. */
  perEventMs: number;
  perEventP95?: number;
  events: number;
  /** Typing only: the slowest key event, input to next paint (Event Timing; reported only above 16 ms). */
  slowestKeyMs?: number;
}

export interface SizeFigures {
  size: number;
  runs: number;
  /** Navigation → a click on a node selects it. */
  openMs: number;
  gestures: Record<Gesture, GestureFigures>;
  /** After the gestures: elements React Flow keeps in the DOM. */
  domNodes: number;
  domEdges: number;
}

export const GOALS = {
  frameMedian: 16.7,
  frameP95: 33,
  longestTask: 50,
  openMs: 1500,
  slowestKeyMs: 16,
} as const;
export type Goals = typeof GOALS;
