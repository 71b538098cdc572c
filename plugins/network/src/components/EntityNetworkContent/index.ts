export { EntityNetworkContent } from './EntityNetworkContent';
