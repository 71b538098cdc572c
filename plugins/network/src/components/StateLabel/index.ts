export { StateLabel, STATE_TEXT } from './StateLabel';
export { stateColor } from './stateColor';
export { stateSeverity, worstState } from './stateSeverity';
