export { NetworkErrorPanel, explainNetworkError } from './NetworkErrorPanel';
