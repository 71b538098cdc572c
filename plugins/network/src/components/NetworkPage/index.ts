export { NetworkPage, NetworkPageContent } from './NetworkPage';
