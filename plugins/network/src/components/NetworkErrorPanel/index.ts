export {
  NetworkErrorPanel,
  backendMessage,
  explainNetworkError,
} from './NetworkErrorPanel';
