/** Drag-and-drop data type carrying a node type from the palette to the canvas. */
export const PALETTE_DRAG_TYPE = 'application/x-switchboard-node-type';
