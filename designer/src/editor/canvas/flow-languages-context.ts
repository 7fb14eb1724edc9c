import { createContext, useContext } from 'react';

/** The flow's declared languages, for prompt previews on canvas nodes (first = default). */
export const FlowLanguagesContext = createContext<readonly string[]>(['en']);

export function useFlowLanguages(): readonly string[] {
  return useContext(FlowLanguagesContext);
}
