// The parts of one synth of a stack during which the app cannot change: its validations, the writing of its
// artifacts, its rendering. Between them user code may run (a test adds an escape hatch and synthesizes again);
// within one, nothing does. A layer above (the resource model) registers a wrapper that keeps what it computes
// for the length of a section, so that a description read by the validations, the gates, each artifact and the
// rendering is built once per section instead of once per read.

/** Runs `fn` as one section. */
export type SynthSection = <T>(fn: () => T) => T;

let wrapper: SynthSection = (fn) => fn();

/** Sets the wrapper every section runs in (the resource model's; set once, before the first synth). */
export function setSynthSection(section: SynthSection): void {
  wrapper = section;
}

/** Runs `fn` as a section of a synth (sections may nest: the outermost one decides). */
export function inSynthSection<T>(fn: () => T): T {
  return wrapper(fn);
}
