export { OutcomeLabel, RunStatusLabel, outcomeText } from './OutcomeLabel';
