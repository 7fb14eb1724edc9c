/** Drag-and-drop data type carrying a template id from the palette to the canvas. */
export const TEMPLATE_DRAG_TYPE = 'application/x-switchboard-template';
