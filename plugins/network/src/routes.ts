import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The Network page's route in the new frontend system. */
export const rootRouteRef = createRouteRef();
